"use client";

import Link from "next/link";
import { holdErrorMessage } from "~/components/event/hold-error.ts";
import type { TQueueAdmission } from "~/components/event/use-queue-admission.ts";
import { useI18n } from "~/i18n/provider.tsx";

/** Total, Continue (or the waiting room's call to action) and the hold's error. */
export function ContinueBar({
  slug,
  totalMinor,
  currency,
  count,
  pending,
  error,
  onContinue,
  queue,
  holdTtlSeconds,
}: {
  slug: string;
  totalMinor: number;
  currency: string;
  count: number;
  pending: boolean;
  error: unknown;
  onContinue(): void;
  queue: TQueueAdmission;
  holdTtlSeconds: number;
}) {
  const { m, format } = useI18n();
  return (
    <div className="continue-bar">
      {error ? (
        <div className="alert" role="alert">
          <p>{holdErrorMessage(error, m)}</p>
        </div>
      ) : null}
      {queue.needsQueue ? (
        <div className="queue-cta">
          <p>{m.event.queueIntro}</p>
          <Link className="button button-primary" href={`/events/${slug}/queue`}>
            {queue.inQueue ? m.event.returnToQueue : m.event.joinQueue}
          </Link>
        </div>
      ) : (
        <>
          <p className="selection-total" aria-live="polite">
            <span>
              {m.event.total} <span className="muted small">({m.event.ticketCount(count)})</span>
            </span>
            <strong>{format.price(totalMinor, currency)}</strong>
          </p>
          <button
            type="button"
            className="button button-primary continue-button"
            onClick={onContinue}
            disabled={pending || count === 0}
            aria-describedby="continue-hint"
          >
            {pending ? m.event.reserving : m.event.continue}
          </button>
          <p id="continue-hint" className="muted small">
            {count === 0 ? m.event.chooseTickets : m.event.holdNote(Math.round(holdTtlSeconds / 60))}
          </p>
        </>
      )}
    </div>
  );
}
