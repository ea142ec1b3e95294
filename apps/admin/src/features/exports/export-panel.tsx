"use client";

import { type FormEvent, useState } from "react";
import { DownloadStatus } from "./download-status.tsx";
import { EventSelect } from "./event-select.tsx";
import { type TItemCounter, useStreamedDownload } from "./use-streamed-download.ts";

const NEWLINE = 10;

/** CSV rows: the lines after the header (quoted cells never hold a newline: names and addresses are single-line). */
function csvRowCounter(): TItemCounter {
  let lines = 0;
  return {
    push: (chunk) => {
      for (const byte of chunk) if (byte === NEWLINE) lines++;
    },
    count: () => Math.max(0, lines - 1),
  };
}

/**
 * Downloads a CSV export while showing progress: the server sends the row count first
 * (x-total-rows), then the rows arrive batch by batch; the page counts them as they come.
 */
export function ExportPanel({ organizationId }: { organizationId: string }) {
  const [kind, setKind] = useState<"attendees" | "orders">("attendees");
  const [eventId, setEventId] = useState("");
  const { progress, start } = useStreamedDownload();

  const run = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const params = new URLSearchParams({ organizationId, ...(eventId ? { eventId } : {}) });
    void start({
      url: `/api/exports/${kind}?${params}`,
      totalHeader: "x-total-rows",
      counter: csvRowCounter(),
      mimeType: "text/csv",
      fallbackFilename: `${kind}.csv`,
    });
  };

  return (
    <form onSubmit={run} className="card stack" aria-labelledby="export-heading">
      <h2 id="export-heading">CSV export</h2>
      <div className="field">
        <label htmlFor="export-kind">What</label>
        <select id="export-kind" value={kind} onChange={(e) => setKind(e.target.value as "attendees" | "orders")}>
          <option value="attendees">Attendees (valid tickets)</option>
          <option value="orders">Orders</option>
        </select>
      </div>
      <EventSelect id="export-event" label="Event" organizationId={organizationId} value={eventId} onChange={setEventId} />
      <button type="submit" className="button button-primary" disabled={progress.state === "running"}>
        Export CSV
      </button>
      <DownloadStatus id="export-progress" progress={progress} unit="rows" testId="export-download" />
    </form>
  );
}
