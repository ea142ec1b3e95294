"use client";

import { useI18n } from "~/i18n/provider.tsx";

/** − quantity + for one ticket type; the buttons are named after the type. */
export function QuantityStepper({
  name,
  quantity,
  canDecrease,
  canIncrease,
  onDecrease,
  onIncrease,
}: {
  name: string;
  quantity: number;
  canDecrease: boolean;
  canIncrease: boolean;
  onDecrease(): void;
  onIncrease(): void;
}) {
  const { m, format } = useI18n();
  return (
    <div className="stepper" role="group" aria-label={m.event.quantityOf(name)}>
      <button type="button" className="button stepper-button" onClick={onDecrease} disabled={!canDecrease} aria-label={m.event.decrease(name)}>
        <span aria-hidden="true">−</span>
      </button>
      <output className="stepper-value" aria-live="polite" aria-label={m.event.quantityOf(name)}>
        {format.count(quantity)}
      </output>
      <button type="button" className="button stepper-button" onClick={onIncrease} disabled={!canIncrease} aria-label={m.event.increase(name)}>
        <span aria-hidden="true">+</span>
      </button>
    </div>
  );
}
