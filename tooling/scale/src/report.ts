// The printed table of `npm run scale:onsale`.
import type { ThroughputRow } from "./throughput.ts";
import type { SaleChecks } from "./verify.ts";

interface Latency {
  count: number;
  p50: number;
  p95: number;
}

export interface Report {
  settings: { buyers: number; capacity: number; admitPerMinute: number };
  scaling: ThroughputRow[];
  catalogue: { listing: number; eventPage: number; standbyLagBytes: number };
  sale: {
    counts: Record<string, number>;
    seconds: number;
    killedAfterSeconds: number;
    restoredAfterSeconds: number;
    victims: string[];
    dropped: number;
    reconnected: number;
    resynced: number;
    admittedByResync: number;
    retriedRequests: number;
    failures: string[];
  };
  holdP95: { before: Latency; during: Latency; after: Latency };
  checks: SaleChecks;
}

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : "-");
const row = (label: string, value: string) => `  ${label.padEnd(44)} ${value}`;

export function printReport(report: Report): void {
  const { scaling, sale, checks, holdP95 } = report;
  const one = scaling.find((r) => r.servers === 1);
  const three = scaling.find((r) => r.servers === 3);
  const lines = [
    "",
    "scale:onsale — HAProxy -> 3 API + 2 web, 2 Soketi (Redis adapter), 2x5 workers, PgBouncer -> PostgreSQL primary + streaming standby",
    "",
    "Throughput (holds/s through HAProxy, 24 connections)",
    ...scaling.map((r) =>
      row(
        `${r.servers} API server${r.servers > 1 ? "s" : ""} in rotation`,
        `${r.perSecond.toFixed(0)} holds/s (p95 ${ms(r.p95)}, ${r.holds} holds, CPU ${(r.cpuBusy * 100).toFixed(0)}% of 2 cores)`,
      ),
    ),
    row("scaling ratio (3 vs 1)", one && three ? `${(three.perSecond / one.perSecond).toFixed(2)}x` : "-"),
    "",
    "Catalogue reads on the standby (DATABASE_READ_URL)",
    row("GET /api/v1/events, /api/v1/events/{id}", `HTTP ${report.catalogue.listing}, ${report.catalogue.eventPage}`),
    row("standby replay lag at the end", `${report.catalogue.standbyLagBytes} bytes`),
    "",
    `On-sale: ${report.settings.buyers} buyers, ${report.settings.capacity} tickets, admitted ${report.settings.admitPerMinute}/min`,
    row(
      "buyers",
      Object.entries(sale.counts)
        .map(([state, count]) => `${state} ${count}`)
        .join(", "),
    ),
    row("sale length", `${sale.seconds.toFixed(1)} s`),
    row(
      `SIGKILL ${sale.victims.join(", ")}`,
      `${sale.killedAfterSeconds.toFixed(1)} s into the sale; back in rotation after ${sale.restoredAfterSeconds.toFixed(1)} s`,
    ),
    row("live connections dropped", String(sale.dropped)),
    row(
      "reconnected and resynced (queue status re-read)",
      `${sale.resynced} (reconnected ${sale.reconnected}; admitted through the resync ${sale.admittedByResync})`,
    ),
    row("HTTP requests retried (502/503/reset)", String(sale.retriedRequests)),
    row("hold p95 before the kills", `${ms(holdP95.before.p95)} (${holdP95.before.count} holds, p50 ${ms(holdP95.before.p50)})`),
    row("hold p95 during (kill -> back in rotation)", `${ms(holdP95.during.p95)} (${holdP95.during.count} holds, p50 ${ms(holdP95.during.p50)})`),
    row("hold p95 after", `${ms(holdP95.after.p95)} (${holdP95.after.count} holds, p50 ${ms(holdP95.after.p50)})`),
    ...(sale.failures.length ? [row("buyer failures (first kinds)", sale.failures.join("; "))] : []),
    "",
    "Checks (PostgreSQL, mail catcher)",
    row("tickets issued / capacity", `${checks.ticketsIssued} / ${checks.capacity}`),
    row("oversold", `${checks.oversold}${checks.oversold === 0 ? "" : "  <-- FAIL"}`),
    row("PAID orders", String(checks.paidOrders)),
    row(
      "orders lost (PAID + tickets + invoice + e-mail)",
      `${checks.lost}${checks.lost === 0 ? "" : `  <-- FAIL ${JSON.stringify(checks.missing)}`} (workers done ${checks.waitedSeconds.toFixed(0)} s after the sale)`,
    ),
    "",
    checks.oversold === 0 && checks.lost === 0 ? "scale:onsale: passed" : "scale:onsale: FAILED",
  ];
  console.info(lines.join("\n"));
}
