"use client";

import type { TQueuedScan } from "~/scanner/db.ts";
import { verdictTitle } from "~/scanner/verdict-view.ts";

const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** This device's last scans, newest first, with the server's answer once it has one. */
export function RecentScans({ scans }: { scans: TQueuedScan[] }) {
  return (
    <section aria-labelledby="recent-heading" className="recent">
      <h2 id="recent-heading">Recent scans</h2>
      <ol data-testid="recent-scans" className="recent-list">
        {scans.map((scan) => (
          <li key={scan.nonce} data-verdict={scan.deviceResult} className={scan.annulledAt ? "annulled" : undefined}>
            <time dateTime={new Date(scan.scannedAt).toISOString()}>{time.format(scan.scannedAt)}</time>{" "}
            <strong>{scan.override ? "Admitted (override)" : verdictTitle(scan.deviceResult)}</strong>
            {scan.kind === "EXIT" ? " · exit" : ""}
            {scan.annulledAt ? " · undone" : ""}
            {scan.conflict ? " · double entry" : ""}
            {scan.state === "pending" ? " · waiting to upload" : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}
