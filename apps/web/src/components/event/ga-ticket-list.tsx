"use client";

import type { RouterOutputs } from "@marquee/api";
import { useState } from "react";
import { ContinueBar } from "~/components/event/continue-bar.tsx";
import { QuantityStepper } from "~/components/event/quantity-stepper.tsx";
import { saleWindow } from "~/components/event/sale-window.ts";
import { useHoldCheckout } from "~/components/event/use-hold-checkout.ts";
import type { TLiveAvailability } from "~/components/event/use-live-availability.ts";
import { useLivePrices } from "~/components/event/use-live-prices.ts";
import type { TQueueAdmission } from "~/components/event/use-queue-admission.ts";
import { JoinWaitingList } from "~/components/event/join-waiting-list.tsx";
import { useI18n } from "~/i18n/provider.tsx";

type TEvent = RouterOutputs["event"]["get"];
type TTicketType = TEvent["ticketTypes"][number];

const tierPrice = (type: TTicketType) => type.prices.find((price) => price.id === type.currentPriceId) ?? null;

/** General admission: each ticket type with its price, what is left, limits and a quantity stepper. */
export function GaTicketList({
  event,
  availability,
  queue,
  canBuy,
  now,
}: {
  event: TEvent;
  availability: TLiveAvailability;
  queue: TQueueAdmission;
  canBuy: boolean;
  now: Date;
}) {
  const { m, format } = useI18n();
  const checkout = useHoldCheckout(event.id);
  const livePrice = useLivePrices(event.id);
  // The tier on sale, at demand pricing's current price when the type has it (kept live).
  const currentPrice = (type: TTicketType) => {
    const tier = tierPrice(type);
    const demand = livePrice(type.id, type.demandPrice);
    return tier && demand ? { ...tier, priceMinor: demand.priceMinor } : tier;
  };
  const [wanted, setWanted] = useState<Record<string, number>>({});

  const left = (type: TTicketType) => availability.counts.get(type.id) ?? (availability.status === "success" ? 0 : null);
  const buyable = (type: TTicketType) =>
    canBuy && saleWindow(type.salesStartAt, type.salesEndAt, now) === "on-sale" && currentPrice(type) !== null && (left(type) ?? 0) > 0;
  // What the buyer asked for, cut to what is possible now (stock moves while they choose).
  const quantities = new Map<string, number>();
  let running = 0;
  for (const type of event.ticketTypes) {
    const cap = Math.min(type.maxPerOrder ?? Number.POSITIVE_INFINITY, left(type) ?? 0, event.maxPerOrder - running);
    const quantity = buyable(type) ? Math.min(wanted[type.id] ?? 0, Math.max(0, cap)) : 0;
    const valid = quantity >= type.minPerOrder ? quantity : 0;
    quantities.set(type.id, valid);
    running += valid;
  }
  const count = running;
  const total = event.ticketTypes.reduce((sum, type) => sum + (quantities.get(type.id) ?? 0) * (currentPrice(type)?.priceMinor ?? 0), 0);
  const maxFor = (type: TTicketType) =>
    Math.min(type.maxPerOrder ?? Number.POSITIVE_INFINITY, left(type) ?? 0, event.maxPerOrder - (count - (quantities.get(type.id) ?? 0)));

  const change = (type: TTicketType, direction: 1 | -1) => {
    checkout.clearError();
    const quantity = quantities.get(type.id) ?? 0;
    const next = direction === 1 ? (quantity === 0 ? Math.max(1, type.minPerOrder) : quantity + 1) : quantity <= type.minPerOrder ? 0 : quantity - 1;
    setWanted((current) => ({ ...current, [type.id]: next }));
  };

  return (
    <>
      <ul className="ticket-types">
        {event.ticketTypes.map((type) => {
          const price = currentPrice(type);
          const window = saleWindow(type.salesStartAt, type.salesEndAt, now);
          const remaining = left(type);
          const quantity = quantities.get(type.id) ?? 0;
          const nameId = `type-${type.id}`;
          return (
            <li key={type.id} className="card ticket-type" aria-labelledby={nameId}>
              <div className="ticket-type-info">
                <h3 id={nameId}>{type.name}</h3>
                {type.description ? <p className="muted small">{type.description}</p> : null}
                <p className="ticket-type-price" data-testid={`ticket-type-price-${type.id}`}>
                  {price ? format.price(price.priceMinor, price.currency) : m.event.priceNotOnSale}
                </p>
                {price && type.prices.length > 1 && !type.demandPrice ? <p className="muted small">{price.name}</p> : null}
                {price && type.demandPrice ? <p className="muted small">{m.event.demandPriced}</p> : null}
                <p className="small ticket-type-status" aria-live="polite">
                  {window === "soon" && type.salesStartAt ? (
                    <span className="badge badge-warning">{m.event.saleOpens(format.eventDate(type.salesStartAt, event.timezone))}</span>
                  ) : window === "ended" ? (
                    <span className="badge">{m.event.salesEnded}</span>
                  ) : remaining === null ? (
                    <span className="muted">{m.event.checkingAvailability}</span>
                  ) : remaining === 0 ? (
                    <span className="badge badge-sold-out">{m.event.soldOut}</span>
                  ) : (
                    <span className="badge badge-success">{m.event.left(format.count(remaining))}</span>
                  )}
                </p>
                <LimitText min={type.minPerOrder} max={type.maxPerOrder} />
                {event.waitingListEnabled && remaining === 0 && window === "on-sale" && type.capacity !== null ? (
                  <JoinWaitingList
                    eventId={event.id}
                    ticketTypeId={type.id}
                    typeName={type.name}
                    maxQuantity={Math.min(type.maxPerOrder ?? 10, event.maxPerOrder)}
                  />
                ) : null}
              </div>
              {canBuy ? (
                <QuantityStepper
                  name={type.name}
                  quantity={quantity}
                  canDecrease={quantity > 0}
                  canIncrease={buyable(type) && (quantity === 0 ? Math.max(1, type.minPerOrder) : quantity + 1) <= maxFor(type)}
                  onDecrease={() => change(type, -1)}
                  onIncrease={() => change(type, 1)}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      {canBuy || queue.needsQueue ? (
        <ContinueBar
          slug={event.slug}
          totalMinor={total}
          currency={event.currency}
          count={count}
          pending={checkout.pending}
          error={checkout.error}
          queue={queue}
          holdTtlSeconds={event.holdTtlSeconds}
          onContinue={() =>
            void checkout.submit(
              event.ticketTypes.flatMap((type) => ((quantities.get(type.id) ?? 0) > 0 ? [{ ticketTypeId: type.id, quantity: quantities.get(type.id)! }] : [])),
              () => availability.refetch(),
            )
          }
        />
      ) : null}
    </>
  );
}

function LimitText({ min, max }: { min: number; max: number | null }) {
  const { m, format } = useI18n();
  if (min > 1 && max !== null) return <p className="muted small">{m.event.typeLimits(format.count(min), format.count(max))}</p>;
  if (min > 1) return <p className="muted small">{m.event.typeMin(format.count(min))}</p>;
  if (max !== null) return <p className="muted small">{m.event.typeMax(format.count(max))}</p>;
  return null;
}
