"use client";

import { formatCount } from "@marquee/ui/format";
import type { TPublicRealtimeConfig } from "@marquee/ui/realtime";
import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import { QueryError } from "~/components/query-error.tsx";
import { agoText } from "./checkin-format.ts";
import styles from "./checkin.module.css";
import { ProgressRow } from "./progress-rows.tsx";
import { useCheckinLive } from "./use-checkin-live.ts";
import { useClock } from "./use-clock.ts";
import { VERDICT_LABEL } from "./verdict-labels.ts";

/**
 * A safety poll under the live channel: a missed message is corrected within this time, and so are
 * the figures the channel does not announce (refusals and double entries: only counted scans and
 * annulments are pushed to devices, and the console shares their channel).
 */
const SAFETY_POLL_MS = 10_000;

const LIVE_LABEL = { connecting: "Connecting…", live: "Live", offline: "Offline: refreshing every 10 s" } as const;

/** The event's check-in progress, live: overall, per list and per gate, and the refusals by reason. */
export function CheckinProgress({ organizationId, eventId, realtime }: { organizationId: string; eventId: string; realtime: TPublicRealtimeConfig }) {
  const trpc = useTRPC();
  const live = useCheckinLive(realtime, organizationId, eventId);
  const now = useClock();
  const stats = useQuery({ ...trpc.checkin.stats.queryOptions({ organizationId, eventId }), refetchInterval: SAFETY_POLL_MS });

  if (stats.isPending) return <p className="muted">Loading check-in progress…</p>;
  if (stats.isError) return <QueryError error={stats.error} onRetry={() => void stats.refetch()} />;
  const event = stats.data.events.find((e) => e.eventId === eventId);
  if (!event) return <p className="muted">No check-in figures for this event yet.</p>;
  const fromServer = event.lastScanAt ?? null;
  const lastScanAt = live.lastScanAt && (!fromServer || live.lastScanAt > fromServer) ? live.lastScanAt : fromServer;

  return (
    <div className="stack">
      <p className={styles.liveLine}>
        <span className={`badge ${live.state === "live" ? "badge-success" : "badge-warning"}`}>{LIVE_LABEL[live.state]}</span>
        <span className="muted" data-testid="last-scan">
          Last scan: {now ? agoText(lastScanAt, now) : "…"}
        </span>
      </p>
      <section className="card" aria-labelledby="checkin-total-title">
        <h2 id="checkin-total-title">Overall</h2>
        <ul className={styles.progressList} aria-live="polite">
          <ProgressRow name="All entrances" tickets={event.tickets} counts={event.total} />
        </ul>
      </section>
      <section className="card" aria-labelledby="checkin-lists-title">
        <h2 id="checkin-lists-title">By list</h2>
        {event.lists.length ? (
          <ul className={styles.progressList}>
            {event.lists.map((list) => (
              <ProgressRow key={list.listId} name={list.name} tickets={list.tickets} counts={list.counts} />
            ))}
          </ul>
        ) : (
          <p className="muted">No check-in lists.</p>
        )}
      </section>
      <section className="card" aria-labelledby="checkin-gates-title">
        <h2 id="checkin-gates-title">By gate</h2>
        {event.gates.length ? (
          <ul className={styles.progressList}>
            {event.gates.map((gate) => (
              <ProgressRow key={gate.gate} name={gate.gate} tickets={event.tickets} counts={gate.counts} />
            ))}
          </ul>
        ) : (
          <p className="muted">No scans at any gate yet.</p>
        )}
      </section>
      {event.refusedByReason.length ? (
        <section className="card" aria-labelledby="checkin-refused-title">
          <h2 id="checkin-refused-title">Refused, by reason</h2>
          <dl className={styles.reasons}>
            {event.refusedByReason.map((r) => (
              <div key={r.result}>
                <dt>{VERDICT_LABEL[r.result]}</dt>
                <dd className="numeric">{formatCount(r.count)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
    </div>
  );
}
