"use client";

import type { RouterOutputs } from "@marquee/api";
import { useEffect, useState } from "react";
import { useNow } from "~/components/event/use-now.ts";
import { useI18n } from "~/i18n/provider.tsx";
import type { TMessages } from "~/i18n/messages/index.ts";

type TQueueStatus = RouterOutputs["queue"]["status"];

export function formatWait(seconds: number, m: TMessages, count: (value: number) => string): string {
  if (seconds < 60) return m.queue.lessThanMinute;
  if (seconds < 3600) return m.queue.minutes(count(Math.ceil(seconds / 60)));
  return m.queue.hours(count(Math.floor(seconds / 3600)), count(Math.ceil((seconds % 3600) / 60)));
}

/** The first position this browser saw for a ticket: the start of the progress bar. */
function useFirstPosition(queueTicketId: string, position: number | null): number | null {
  const key = `marquee.queue.first.${queueTicketId}`;
  const [first, setFirst] = useState<number | null>(null);
  useEffect(() => {
    if (position === null) return;
    const stored = Number(window.sessionStorage.getItem(key)) || 0;
    const next = Math.max(stored, position);
    if (next !== stored) window.sessionStorage.setItem(key, String(next));
    setFirst(next);
  }, [key, position]);
  return first;
}

/** A waiting buyer's place: position (announced politely), people waiting, ETA and progress. */
export function WaitingView({ status }: { status: TQueueStatus }) {
  const { m, format } = useI18n();
  const first = useFirstPosition(status.queueTicketId, status.position);
  if (status.position === null) return <p className="muted">{m.queue.joining}</p>;
  const start = Math.max(first ?? status.position, status.position);
  const percent = Math.round(((start - status.position + 1) / start) * 100);
  return (
    <div className="queue-place">
      <p className="queue-position" aria-live="polite" aria-atomic="true">
        {m.queue.position(format.count(status.position))}
      </p>
      <p>{m.queue.waiting(status.waiting)}</p>
      <p>{status.etaSeconds === null ? m.queue.etaUnknown : m.queue.eta(formatWait(status.etaSeconds, m, format.count))}</p>
      <label className="queue-progress">
        <span>{m.queue.progress}</span>
        <progress max={100} value={percent} aria-valuetext={m.queue.progressText(format.count(percent))}>
          {percent}%
        </progress>
      </label>
    </div>
  );
}

/** Before the on-sale: the random draw, and a countdown to the start. */
export function PreQueueView({ status, timeZone }: { status: TQueueStatus; timeZone: string }) {
  const { m, format } = useI18n();
  const now = useNow(1000);
  const seconds = Math.max(0, Math.ceil((status.onSaleAt.getTime() - now.getTime()) / 1000));
  return (
    <div className="queue-place">
      <h2>{m.queue.preQueueHeading}</h2>
      <p>{m.queue.preQueue(format.time(status.onSaleAt, timeZone))}</p>
      <p className="queue-position">{m.queue.startsIn(formatWait(seconds, m, format.count))}</p>
      <p className="muted">{m.queue.waiting(status.waiting)}</p>
    </div>
  );
}
