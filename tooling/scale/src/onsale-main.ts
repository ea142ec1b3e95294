import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readStripeEnv } from "@marquee/api/env";
import { createStripeSettings } from "@marquee/api/services/payments/stripe-client";
import { createDb } from "@marquee/db";
import { createFactories } from "@marquee/db/testing";
import { createLog } from "@marquee/dev/log";
import { runCommand } from "@marquee/dev/processes";
import { latencyFigures } from "../../../packages/api/bench/lib/http-json.ts";
import { benchGaEvent } from "../../../packages/api/bench/lib/bench-event.ts";
import { buyerHttp } from "./buyer-client.ts";
import { connectBuyers, joinBuyers, type SaleContext, tally } from "./sale.ts";
import { measureScaling } from "./throughput.ts";
import { startTopology } from "./topology.ts";
import { verifySale } from "./verify.ts";
import { printReport } from "./report.ts";

const ROOT = new URL("../../..", import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function settings() {
  const { values } = parseArgs({ options: { buyers: { type: "string" }, quick: { type: "boolean" }, verbose: { type: "boolean" } }, allowPositionals: false });
  const quick = values.quick ?? false;
  const buyers = Number(values.buyers ?? (quick ? 60 : 150));
  if (!Number.isInteger(buyers) || buyers < 10) throw new Error("--buyers must be a whole number of at least 10");
  return {
    buyers,
    // Fewer tickets than buyers: the sale sells out, the rest are turned away.
    capacity: Math.round(buyers * 0.7),
    admitPerMinute: quick ? 120 : 100,
    scalingSeconds: quick ? 5 : 10,
    verbose: values.verbose ?? false,
  };
}

export async function main(): Promise<void> {
  const s = settings();
  const log = createLog("scale");
  const quiet = s.verbose ? log : (line: string) => (/error|exited|failed|cannot/i.test(line) ? log(line) : undefined);
  if (!existsSync(join(ROOT, "apps/web/.next/BUILD_ID"))) {
    log("building apps/web (next build) for the two web servers...");
    await runCommand("web build", "npm", ["run", "build", "-w", "@marquee/web"], { cwd: ROOT, log: quiet });
  }
  log("starting the topology (PostgreSQL primary + standby, PgBouncer, Redis, 2 Soketi, 3 API, 2 web, 10 workers, HAProxy)...");
  const started = Date.now();
  const topology = await startTopology({ apiServers: 3, webServers: 2, soketiNodes: 2, workersPerRole: 2, log: quiet });
  log(`topology up in ${Math.round((Date.now() - started) / 1000)} s: ${topology.httpUrl} (HTTP), ws port ${topology.wsPort}`);
  const db = createDb(topology.pair.primaryUrl, { max: 4, preparedStatements: true });
  try {
    // 1. Scaling: holds/s with one API server in rotation, then three.
    const bench = await benchGaEvent(db, { capacity: 10_000_000, holdTtlSeconds: 3_600 });
    log("measuring holds/s through HAProxy with 1, then 3 API servers...");
    const scaling = await measureScaling(topology, db, {
      eventId: bench.event.id,
      ticketTypeId: bench.ticketType.id,
      concurrency: 24,
      seconds: s.scalingSeconds,
      sizes: [1, 3],
    });

    // Catalogue reads through HAProxy: served by the standby (DATABASE_READ_URL via PgBouncer).
    const http = buyerHttp(topology.httpUrl, 64);
    const listing = await http.request("GET", "/api/v1/events");
    const eventPage = await http.request("GET", `/api/v1/events/${bench.event.id}`);

    // 2. The on-sale.
    const make = createFactories(db);
    const organization = await make.organization();
    const venue = await make.venue(organization.id);
    const event = await make.event(organization.id, venue.id, {
      waitingRoomEnabled: true,
      waitingRoomOpensAt: new Date(Date.now() - 60_000),
      onSaleAt: new Date(Date.now() + 24 * 3_600_000),
      waitingRoomOverbookPct: 100,
      waitingRoomAdmitPerMinute: s.admitPerMinute,
      maxPerBuyer: 4,
      holdTtlSeconds: 900,
    });
    const ticketType = await make.ticketType(event.id, { capacity: s.capacity });
    const stripe = createStripeSettings(readStripeEnv({ STRIPE_API_URL: topology.stripe.url, STRIPE_WEBHOOK_SECRET: topology.webhookSecret }));
    const context: SaleContext = { http, wsPort: topology.wsPort, eventId: event.id, ticketTypeId: ticketType.id, stripe, holds: [], log };
    log(`${s.buyers} buyers join the waiting room of a ${s.capacity}-ticket on-sale...`);
    const buyers = await joinBuyers(context, s.buyers, Date.now().toString(36));
    const connected = await connectBuyers(context, buyers);
    const onSaleAt = Date.now() + 5_000;
    await db.event.update({ where: { id: event.id }, data: { onSaleAt: new Date(onSaleAt) } });
    log("on-sale in 5 s; the kills come once a fifth of the tickets are held");

    // Kills: one API server, one Soketi node, one payment worker, SIGKILL; restarted 3 s later.
    const victims = [topology.api[0]!, topology.soketi[0]!, topology.workers.payment[0]!];
    const killAfter = Math.ceil(s.capacity / 5);
    const deadline = onSaleAt + 240_000;
    while (context.holds.filter((h) => h.status === 201).length < killAfter && Date.now() < deadline) await sleep(50);
    const killedAt = Date.now();
    await Promise.all(victims.map((victim) => victim.kill()));
    log(`SIGKILLed ${victims.map((v) => v.spec.name).join(", ")} ${((killedAt - onSaleAt) / 1000).toFixed(1)} s into the sale`);
    await sleep(3_000);
    await Promise.all(victims.map((victim) => victim.start()));
    await topology.waitForBackend("api", topology.api.length);
    await topology.waitForBackend("soketi", topology.soketi.length);
    const restoredAt = Date.now();
    log(`restarted and back in rotation after ${((restoredAt - killedAt) / 1000).toFixed(1)} s`);

    // The sale runs until nobody is mid-purchase and every ticket is sold or every buyer settled.
    const settled = () => {
      const counts = tally(buyers);
      return counts.buying === 0 && (counts.waiting === 0 || counts.confirmed + counts.failed >= s.capacity);
    };
    while (!settled() && Date.now() < deadline) await sleep(200);
    const saleEndedAt = Date.now();
    await Promise.all(connected.buying);
    connected.close();
    const counts = tally(buyers);

    log("sale over; waiting for the workers to finish every paid order...");
    const checks = await verifySale({
      db,
      catcher: topology.catcher,
      eventId: event.id,
      ticketTypeId: ticketType.id,
      confirmedOrderIds: buyers.flatMap((b) => (b.state === "confirmed" && b.orderId ? [b.orderId] : [])),
      capacity: s.capacity,
      timeoutMs: 180_000,
    });
    const window = (from: number, to: number) => latencyFigures(context.holds.filter((h) => h.at >= from && h.at < to).map((h) => h.ms));
    const standbyLagBytes = await topology.pair.replicationLagBytes();
    http.close();
    const failures = buyers.flatMap((b) => (b.failure ? [b.failure] : []));
    printReport({
      settings: s,
      scaling,
      catalogue: { listing: listing.status, eventPage: eventPage.status, standbyLagBytes },
      sale: {
        counts,
        seconds: (saleEndedAt - onSaleAt) / 1000,
        killedAfterSeconds: (killedAt - onSaleAt) / 1000,
        restoredAfterSeconds: (restoredAt - killedAt) / 1000,
        victims: victims.map((v) => v.spec.name),
        dropped: buyers.filter((b) => b.dropped).length,
        reconnected: buyers.filter((b) => b.reconnected).length,
        resynced: buyers.filter((b) => b.reconnected && b.resynced).length,
        admittedByResync: buyers.filter((b) => b.admittedByResync).length,
        retriedRequests: http.retried,
        failures: [...new Set(failures)].slice(0, 5),
      },
      holdP95: { before: window(0, killedAt), during: window(killedAt, restoredAt), after: window(restoredAt, Infinity) },
      checks,
    });
    if (checks.oversold > 0 || checks.lost > 0) process.exitCode = 1;
  } finally {
    await db.$disconnect();
    log("stopping the topology...");
    await topology.stop();
  }
}
