"use client";

import { formatCount } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

type TProgress =
  | { state: "idle" }
  | { state: "running"; total: number; rows: number; bytes: number }
  | { state: "done"; rows: number; href: string; filename: string }
  | { state: "failed"; message: string };

const NEWLINE = 10;

/**
 * Downloads a CSV export while showing progress: the server sends the row count first
 * (x-total-rows), then the rows arrive batch by batch; the page counts them as they come.
 */
export function ExportPanel({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const events = useQuery(trpc.event.listForOrganization.queryOptions({ organizationId }));
  const [kind, setKind] = useState<"attendees" | "orders">("attendees");
  const [eventId, setEventId] = useState("");
  const [progress, setProgress] = useState<TProgress>({ state: "idle" });

  const run = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const params = new URLSearchParams({ organizationId, ...(eventId ? { eventId } : {}) });
    try {
      const response = await fetch(`/api/exports/${kind}?${params}`);
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The export failed (${response.status}).`);
      }
      const total = Number(response.headers.get("x-total-rows") ?? 0);
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let lines = 0;
      let bytes = 0;
      setProgress({ state: "running", total, rows: 0, bytes: 0 });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        for (const byte of value) if (byte === NEWLINE) lines++;
        // The header is the first line; quoted cells never hold a newline (names and addresses are single-line).
        setProgress({ state: "running", total, rows: Math.max(0, lines - 1), bytes });
      }
      const filename = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? `${kind}.csv`;
      const href = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: "text/csv" }));
      setProgress({ state: "done", rows: Math.max(0, lines - 1), href, filename });
    } catch (error) {
      setProgress({ state: "failed", message: (error as Error).message });
    }
  };

  return (
    <form onSubmit={(e) => void run(e)} className="card stack" aria-labelledby="export-heading">
      <h2 id="export-heading">CSV export</h2>
      <div className="field">
        <label htmlFor="export-kind">What</label>
        <select id="export-kind" value={kind} onChange={(e) => setKind(e.target.value as "attendees" | "orders")}>
          <option value="attendees">Attendees (valid tickets)</option>
          <option value="orders">Orders</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="export-event">Event</label>
        <select id="export-event" value={eventId} onChange={(e) => setEventId(e.target.value)}>
          <option value="">All events</option>
          {events.data?.map((ev) => (
            <option key={ev.id} value={ev.id}>
              {ev.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-primary" disabled={progress.state === "running"}>
        Export CSV
      </button>
      <div role="status" aria-live="polite">
        {progress.state === "running" ? (
          <>
            <label htmlFor="export-progress">
              {formatCount(progress.rows)} of {formatCount(progress.total)} rows ({formatCount(Math.round(progress.bytes / 1024))} KB)
            </label>
            <progress id="export-progress" max={Math.max(progress.total, 1)} value={progress.rows} />
          </>
        ) : progress.state === "done" ? (
          <p>
            {formatCount(progress.rows)} rows ready:{" "}
            <a href={progress.href} download={progress.filename} data-testid="export-download">
              download {progress.filename}
            </a>
          </p>
        ) : progress.state === "failed" ? (
          <p className="alert">{progress.message}</p>
        ) : null}
      </div>
    </form>
  );
}
