"use client";

import type { TConflictsPage } from "@marquee/api/services/checkin/checkin-schemas";
import type { TPublicRealtimeConfig } from "@marquee/ui/realtime";
import { useTRPC } from "@marquee/ui/trpc";
import { useInfiniteQuery } from "@tanstack/react-query";
import { QueryError } from "~/components/query-error.tsx";
import styles from "./checkin.module.css";
import { useCheckinLive } from "./use-checkin-live.ts";
import { formatInZone } from "./zoned-time.ts";

type TConflict = TConflictsPage["conflicts"][number];
type TConflictScan = TConflict["admitted"];

const PAGE_SIZE = 25;
/** Double entries are not announced on the channel (only counted scans are): a poll finds new ones. */
const POLL_MS = 10_000;

function ScanFacts({ title, scan, timeZone }: { title: string; scan: TConflictScan; timeZone: string }) {
  return (
    <div className={styles.conflictScan}>
      <h3>{title}</h3>
      <p>
        {scan.gate ?? "Unknown gate"} · {scan.deviceName ?? "a signed-in phone"}
      </p>
      <p>
        <time dateTime={scan.scannedAt.toISOString()}>{formatInZone(scan.scannedAt, timeZone)}</time>
        {scan.offline ? <span className="badge badge-warning"> offline</span> : <span className="badge"> online</span>}
      </p>
      {scan.offline ? <p className="muted small">Uploaded {formatInZone(scan.receivedAt, timeZone)}</p> : null}
    </div>
  );
}

/** The event's double entries, newest first and paged: for each, the admission that counts and the later entry. */
export function ConflictsPanel({
  organizationId,
  eventId,
  timeZone,
  realtime,
}: {
  organizationId: string;
  eventId: string;
  timeZone: string;
  realtime: TPublicRealtimeConfig;
}) {
  const trpc = useTRPC();
  useCheckinLive(realtime, organizationId, eventId);
  const conflicts = useInfiniteQuery({
    ...trpc.checkin.conflicts.infiniteQueryOptions({ organizationId, eventId, limit: PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    refetchInterval: POLL_MS,
  });

  if (conflicts.isPending) return <p className="muted">Loading conflicts…</p>;
  if (conflicts.isError) return <QueryError error={conflicts.error} onRetry={() => void conflicts.refetch()} />;
  const all = conflicts.data.pages.flatMap((page) => page.conflicts);
  if (!all.length) return <p className="muted">No double entries. When two gates admit the same ticket while offline, both scans show here.</p>;

  return (
    <div className="stack">
      <ul className={styles.conflicts} aria-label="Double entries">
        {all.map((c) => (
          <li key={c.doubleEntry.scanId} className="card">
            <h2 className={styles.conflictTitle}>
              <span className={styles.shortCode}>{c.shortCode}</span> {c.holder ?? "Unnamed holder"} · {c.ticketTypeName}
              {c.listName ? <span className="muted small"> · {c.listName}</span> : null}
            </h2>
            <div className={styles.conflictPair}>
              <ScanFacts title="Admitted" scan={c.admitted} timeZone={timeZone} />
              <ScanFacts title="Double entry" scan={c.doubleEntry} timeZone={timeZone} />
            </div>
          </li>
        ))}
      </ul>
      {conflicts.hasNextPage ? (
        <button type="button" className="button" disabled={conflicts.isFetchingNextPage} onClick={() => void conflicts.fetchNextPage()}>
          {conflicts.isFetchingNextPage ? "Loading…" : "Show older conflicts"}
        </button>
      ) : null}
    </div>
  );
}
