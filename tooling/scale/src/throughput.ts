// Holds per second through HAProxy with one API server in rotation, then all of them: the other
// servers are put in maintenance over HAProxy's runtime API (no restart, same warm processes).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Db } from "@marquee/db";
import { hashCartToken, newCartToken } from "../../../packages/api/src/services/cart/cart-token.ts";
import { latencyFigures } from "../../../packages/api/bench/lib/http-json.ts";
import { buyerHttp } from "./buyer-client.ts";
import { haproxyCommand } from "./haproxy.ts";
import type { Topology } from "./topology.ts";

export interface ThroughputRow {
  servers: number;
  holds: number;
  perSecond: number;
  p95: number;
  /** Share of both cores busy (all processes on the machine) while it ran. */
  cpuBusy: number;
}

/** Busy and total jiffies of all CPUs (/proc/stat). */
function cpuTimes(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3]! + fields[4]!;
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

async function bulkCarts(db: Db, count: number): Promise<string[]> {
  const expiresAt = new Date(Date.now() + 6 * 3_600_000);
  const tokens = Array.from({ length: count }, () => newCartToken());
  await db.cart.createMany({ data: tokens.map((token) => ({ id: randomUUID(), tokenHash: hashCartToken(token), expiresAt })) });
  return tokens;
}

async function holdLoad(topology: Topology, options: { eventId: string; ticketTypeId: string; tokens: string[]; concurrency: number; seconds: number }) {
  const http = buyerHttp(topology.httpUrl, options.concurrency, 1);
  const latencies: number[] = [];
  let next = 0;
  const deadline = Date.now() + options.seconds * 1_000;
  const started = performance.now();
  const lane = async () => {
    while (Date.now() < deadline && next < options.tokens.length) {
      const token = options.tokens[next++]!;
      const answer = await http.request(
        "POST",
        `/api/v1/events/${options.eventId}/holds`,
        { "x-cart-token": token },
        { items: [{ ticketTypeId: options.ticketTypeId, quantity: 1 }] },
      );
      if (answer.status !== 201) throw new Error(`hold: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
      latencies.push(answer.ms);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  http.close();
  return { holds: latencies.length, perSecond: latencies.length / seconds, p95: latencyFigures(latencies).p95 };
}

/** One run per rotation size; `names` are the API servers in HAProxy's api backend. */
export async function measureScaling(
  topology: Topology,
  db: Db,
  options: { eventId: string; ticketTypeId: string; concurrency: number; seconds: number; sizes: number[] },
): Promise<ThroughputRow[]> {
  const names = topology.api.map((x) => x.spec.name);
  const perRun = Math.ceil(options.seconds * 400) + 2_000;
  const rows: ThroughputRow[] = [];
  for (const servers of options.sizes) {
    for (const [i, name] of names.entries()) await haproxyCommand(topology.statsSocket, `${i < servers ? "enable" : "disable"} server api/${name}`);
    await topology.waitForBackend("api", servers);
    const tokens = await bulkCarts(db, perRun);
    // Warm-up: a second of the same load (JIT, pools) before the measured run.
    await holdLoad(topology, { ...options, tokens: tokens.slice(0, 1_000), seconds: 2 });
    const before = cpuTimes();
    const run = await holdLoad(topology, { ...options, tokens: tokens.slice(1_000), seconds: options.seconds });
    const after = cpuTimes();
    rows.push({ servers, ...run, cpuBusy: (after.busy - before.busy) / Math.max(1, after.total - before.total) });
  }
  for (const name of names) await haproxyCommand(topology.statsSocket, `enable server api/${name}`);
  await topology.waitForBackend("api", names.length);
  return rows;
}
