"use client";

import { Unzip, UnzipPassThrough } from "fflate";
import { type FormEvent, useState } from "react";
import { DownloadStatus } from "./download-status.tsx";
import { EventSelect } from "./event-select.tsx";
import { type TItemCounter, useStreamedDownload } from "./use-streamed-download.ts";

const pad = (n: number) => String(n).padStart(2, "0");
/** A calendar date as YYYY-MM-DD (the viewer's calendar; the server reads it in each document's time zone). */
const isoDate = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
const dayAfter = (iso: string) => {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return isoDate(new Date(year, month - 1, day + 1));
};

/** The presets, first and last day included: last calendar month, the current quarter. */
function presetPeriod(preset: "last-month" | "this-quarter", today = new Date()) {
  const year = today.getFullYear();
  const month = today.getMonth();
  const first = preset === "last-month" ? month - 1 : month - (month % 3);
  const length = preset === "last-month" ? 1 : 3;
  return { from: isoDate(new Date(year, first, 1)), to: isoDate(new Date(year, first + length, 0)) };
}

/**
 * Documents in a ZIP as it arrives: the archive stores each PDF with its size in the local header,
 * so fflate's streaming reader walks it without keeping the bytes; index.csv is not a document.
 */
function zipDocumentCounter(): TItemCounter {
  let documents = 0;
  const unzip = new Unzip((file) => {
    file.ondata = (error, _data, final) => {
      if (!error && final && file.name !== "index.csv") documents++;
    };
    file.start();
  });
  unzip.register(UnzipPassThrough);
  return { push: (chunk) => unzip.push(chunk), count: () => documents };
}

/**
 * The invoices and credit notes issued in a period as one ZIP (PDFs and index.csv): a period
 * picker with presets, and the same progress as the CSV export (x-total-documents comes first).
 */
export function InvoiceExportPanel({ organizationId }: { organizationId: string }) {
  const [period, setPeriod] = useState(() => presetPeriod("last-month"));
  const [eventId, setEventId] = useState("");
  const { progress, start } = useStreamedDownload();
  const inverted = period.from !== "" && period.to !== "" && period.to < period.from;

  const run = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The form's last day is included; the API's `to` is the first day after the period.
    const params = new URLSearchParams({ organizationId, from: period.from, to: dayAfter(period.to), ...(eventId ? { eventId } : {}) });
    void start({
      url: `/api/exports/invoices?${params}`,
      totalHeader: "x-total-documents",
      counter: zipDocumentCounter(),
      mimeType: "application/zip",
      fallbackFilename: "invoices.zip",
    });
  };

  return (
    <form onSubmit={run} className="card stack" aria-labelledby="invoice-export-heading">
      <h2 id="invoice-export-heading">Invoices and credit notes (ZIP)</h2>
      <div className="team-actions" role="group" aria-label="Period presets">
        <button type="button" className="button" onClick={() => setPeriod(presetPeriod("last-month"))}>
          Last month
        </button>
        <button type="button" className="button" onClick={() => setPeriod(presetPeriod("this-quarter"))}>
          This quarter
        </button>
      </div>
      <div className="inline-form">
        <div className="field">
          <label htmlFor="invoice-export-from">From</label>
          <input id="invoice-export-from" type="date" required value={period.from} onChange={(e) => setPeriod({ ...period, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="invoice-export-to">To (included)</label>
          <input
            id="invoice-export-to"
            type="date"
            required
            value={period.to}
            aria-invalid={inverted}
            aria-describedby={inverted ? "invoice-export-period-error" : undefined}
            onChange={(e) => setPeriod({ ...period, to: e.target.value })}
          />
        </div>
      </div>
      {inverted ? (
        <p id="invoice-export-period-error" className="field-error">
          The period must end on or after its first day.
        </p>
      ) : null}
      <EventSelect id="invoice-export-scope" label="Documents of" organizationId={organizationId} value={eventId} onChange={setEventId} />
      <p className="muted">Dates are the issue dates printed on the documents; a period covers at most 366 days.</p>
      <button type="submit" className="button button-primary" disabled={progress.state === "running" || inverted}>
        Download invoices (ZIP)
      </button>
      <DownloadStatus id="invoice-export-progress" progress={progress} unit="documents" testId="invoice-export-download" />
    </form>
  );
}
