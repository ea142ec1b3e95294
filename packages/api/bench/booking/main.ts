// `npm run bench:booking`: the booking engine against baselines measured in the same run
// (method: ../README.md). Prints figures; it is a script, never a test.
//
//   npm run bench:booking [-- --quick] [--part 1|2|3|4] [--clients 50] [--ops 100000] [--connections 32] [--duration 10] [--rounds 3] [--carts 2000]
//                         [--seats 5000] [--buyers 50000] [--admit-per-minute 18000] [--origin web|api] [--joiners 100000] [--sample 1000] [--concurrency 64]
//
// 1. the hold primitive (HOLD_LUA, EVALSHA) vs `redis-benchmark -t set`, same clients, -P 1;
// 2. createHold over HTTP (standalone API server) vs a bare node:http no-op server, same autocannon load;
// 3. an on-sale: S seats, B buyers through the waiting room, every buyer on pusher-js, holds on `admitted`,
//    through the web origin (apps/web's /api/v1 route, `next start`, built first) unless --origin api;
// 4. 100,000 buyers join one waiting room over HTTP; status polls; pushes to 1,000 pusher-js clients at the on-sale.
//
// Needs PostgreSQL and Redis (DATABASE_URL / REDIS_URL, defaults on 127.0.0.1) and `redis-benchmark`
// on PATH. Creates and drops its own database, deletes its Redis keys, stops its servers.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { uniqueSuffix } from "@marquee/db/testing";
import { benchEnv } from "../lib/env.ts";
import { printProfile, summariseProfileDir } from "../lib/cpu-profile.ts";
import { recordRow } from "../lib/results.ts";
import { deleteRedisKeys, type Figures, numberOption, pinSelf, runBench, stopServersAndCleanUp } from "../lib/load.ts";
import { benchHoldHttp } from "./hold-http.ts";
import { benchHoldPrimitive, type OpsFigures } from "./hold-primitive.ts";
import { benchOnSale, benchQueueCrowd } from "./waiting-room.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const settings = {
  clients: numberOption(args, "clients", 50),
  operations: numberOption(args, "ops", quick ? 5_000 : 100_000),
  connections: numberOption(args, "connections", 32),
  duration: numberOption(args, "duration", quick ? 2 : 10),
  rounds: numberOption(args, "rounds", quick ? 1 : 3),
  carts: numberOption(args, "carts", quick ? 500 : 2_000),
  // --part N runs only part N (1 to 4); without it, all.
  part: numberOption(args, "part", 0),
  seats: numberOption(args, "seats", quick ? 200 : 5_000),
  buyers: numberOption(args, "buyers", quick ? 1_000 : 50_000),
  // The goal's admission rate (>= 300/s) is 18,000 a minute.
  admitPerMinute: numberOption(args, "admit-per-minute", 18_000),
  joiners: numberOption(args, "joiners", quick ? 2_000 : 100_000),
  sample: numberOption(args, "sample", quick ? 100 : 1_000),
  concurrency: numberOption(args, "concurrency", 64),
};
// --profile: the API servers run with --cpu-prof; their top frames are printed after each part.
const profile = args.includes("--profile");
const env = benchEnv();
const origin: "web" | "api" = args.includes("--origin") && args[args.indexOf("--origin") + 1] === "api" ? "api" : "web";
const redisUrl = env.REDIS_URL!;
const prefix = `marquee-bench-${uniqueSuffix()}`;

const ms = (value: number) => value.toFixed(2).padStart(8);
const ratio = (ours: number, baseline: number) => `${(ours / baseline).toFixed(2)}x`;

/** Deletes every key of this run's namespaces (hold primitive and API server). */
const deleteKeys = () => deleteRedisKeys(redisUrl, prefix);

function printPrimitive(result: {
  baseline: OpsFigures;
  ours: OpsFigures;
  nodeSet: OpsFigures;
  baselineRounds: number[];
  oursRounds: number[];
  nodeSetRounds: number[];
}) {
  console.info(
    `\n1. Hold primitive vs redis-benchmark SET: ${settings.clients} clients, -P 1, ${settings.operations} ops per run, ${settings.rounds} rounds A B (C), medians`,
  );
  console.info(`${"".padEnd(34)} ${"ops/s".padStart(9)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)}   rounds (ops/s)`);
  const row = (name: string, f: OpsFigures, rounds: number[]) =>
    console.info(`${name.padEnd(34)} ${f.ops.toFixed(0).padStart(9)} ${ms(f.p50)} ${ms(f.p95)} ${ms(f.p99)}   ${rounds.map((r) => r.toFixed(0)).join(" ")}`);
  row("redis-benchmark -t set", result.baseline, result.baselineRounds);
  row("HOLD_LUA (EVALSHA, ioredis)", result.ours, result.oursRounds);
  row("SET from the same Node driver", result.nodeSet, result.nodeSetRounds);
  console.info(`ratio hold / redis-benchmark SET: ${ratio(result.ours.ops, result.baseline.ops)} (goal >= 0.6x)`);
  console.info(
    `  of which: Node client SET / redis-benchmark SET ${ratio(result.nodeSet.ops, result.baseline.ops)}; hold / SET from the same Node driver ${ratio(result.ours.ops, result.nodeSet.ops)}`,
  );
}

function printHttp(result: Awaited<ReturnType<typeof benchHoldHttp>>) {
  console.info(
    `\n2. createHold over HTTP vs bare node:http no-op: autocannon ${settings.connections} connections, ${settings.rounds} rounds x ${settings.duration} s A B, medians, ${settings.carts} carts round-robin`,
  );
  console.info(
    `${"".padEnd(34)} ${"req/s".padStart(9)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"non-2xx".padStart(8)}   statuses`,
  );
  const row = (name: string, f: Figures) =>
    console.info(
      `${name.padEnd(34)} ${f.rps.toFixed(0).padStart(9)} ${ms(f.p50)} ${ms(f.p95)} ${ms(f.p99)} ${String(f.errors).padStart(8)}   ${JSON.stringify(f.statuses)}`,
    );
  row("bare node:http no-op", result.bare);
  row("floor (EVAL + committed INSERT)", result.floor);
  row("POST /api/v1/events/{id}/holds", result.ours);
  row(`same, fixed rate ${result.atRate.rate}/s (70 %)`, result.atRate);
  console.info(`createHold rounds (req/s): ${result.oursRounds.map((r) => r.toFixed(0)).join(" ")}`);
  console.info(`CPU per request, floor: ${result.cpu.floor.join("; ")}`);
  console.info(`CPU per request, createHold: ${result.cpu.ours.join("; ")}`);
  console.info(
    `ratio createHold / floor: ${ratio(result.ours.rps, result.floor.rps)} (goal >= 0.5x); createHold / bare no-op: ${ratio(result.ours.rps, result.bare.rps)}`,
  );
  console.info(`p99 at 70 % of the maximum rate: ${result.atRate.p99.toFixed(1)} ms (goal < 50 ms)`);
  const oversold = Math.max(0, result.takenInRedis - result.holdsInPg) + Math.max(0, result.created - result.holdsInPg);
  recordRow({
    bench: "bench:booking",
    path: "createHold, standalone server (max rate)",
    value: result.ours.rps,
    unit: "req/s",
    baseline: { name: "floor", value: result.floor.rps },
    p50: result.ours.p50,
    p95: result.ours.p95,
    p99: result.ours.p99,
    goal: ">= 0.5x floor",
    met: result.ours.rps >= 0.5 * result.floor.rps,
    note: `${settings.connections} connections; bare no-op ${result.bare.rps.toFixed(0)} req/s`,
  });
  recordRow({
    bench: "bench:booking",
    path: "createHold, standalone server (70 % of max, fixed rate)",
    value: result.atRate.rps,
    unit: "req/s",
    baseline: { name: "floor", value: result.floor.rps },
    p50: result.atRate.p50,
    p95: result.atRate.p95,
    p99: result.atRate.p99,
    goal: "p99 < 50 ms, oversold 0",
    met: result.atRate.p99 < 50 && oversold === 0,
    note: `target ${result.atRate.rate}/s; oversold ${oversold} (holds in PostgreSQL ${result.holdsInPg}, taken in Redis ${result.takenInRedis}, 201s ${result.created})`,
  });
  console.info(
    `holds in PostgreSQL: ${result.holdsInPg}; tickets taken in Redis: ${result.takenInRedis}; 201 answers counted by autocannon (warm-up included): ${result.created} (fewer 201s than holds: holds still in flight when a run ended, answered after autocannon stopped counting)`,
  );
  console.info(`oversold: ${oversold} (must be 0: Redis never takes more than PostgreSQL holds, and every 201 is a hold)`);
  if (oversold > 0) throw new Error(`createHold oversold ${oversold}`);
}

type Latency = { count: number; p50: number; p95: number; p99: number; max: number };
const lat = (f: Latency) => `p50 ${f.p50.toFixed(0)} ms, p95 ${f.p95.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms, max ${f.max.toFixed(0)} ms (n=${f.count})`;

function printOnSale(r: Awaited<ReturnType<typeof benchOnSale>>) {
  console.info(
    `\n3. On-sale simulation: ${r.seats} seats (reserved), ${r.buyers} buyers in the pre-queue, admission capped at ${settings.admitPerMinute || "no"} per minute, overbook 110 %`,
  );
  console.info(
    `joins (pre-queue, HTTP, ${settings.concurrency} in flight): ${r.joins.rps.toFixed(0)}/s, ${lat(r.joins.latency)}, statuses ${JSON.stringify(r.joins.statuses)}`,
  );
  console.info(
    `every buyer subscribed to private-queue-<id> (channel auth over HTTP, 1,000 channels per pusher-js client): ${r.subscribeSeconds.toFixed(1)} s`,
  );
  console.info(
    `oversold: ${r.oversold} (must be 0); seats held ${r.held}/${r.seats}, live seat holds in PostgreSQL ${r.liveSeats}, held seats in Redis ${r.redisSeats}`,
  );
  console.info(
    `time to sell out (on-sale -> last seat held): ${Number.isNaN(r.sellOutSeconds) ? "not sold out before the timeout" : `${r.sellOutSeconds.toFixed(1)} s`}; buyers admitted ${r.admittedTickets}`,
  );
  console.info(`hold latency (POST /holds with X-Admission-Token): ${lat(r.hold)} (goal p95 < 200 ms); answers ${JSON.stringify(r.outcomes)}`);
  console.info(`admission rate (on-sale -> last admission push): ${r.admissionRate.toFixed(0)}/s (goal >= 300/s); origin: ${r.origin}`);
  const where = r.origin === "web" ? "web origin" : "standalone server";
  const note = `${r.seats} seats, ${r.buyers} buyers, admission capped at ${settings.admitPerMinute || "no"}/min`;
  const common = { bench: "bench:booking", note };
  recordRow({
    ...common,
    path: `on-sale hold latency, ${where}`,
    value: r.hold.p95,
    unit: "ms (p95)",
    p50: r.hold.p50,
    p95: r.hold.p95,
    p99: r.hold.p99,
    goal: "p95 < 200 ms",
    met: r.hold.p95 < 200,
  });
  recordRow({ ...common, path: `on-sale admission rate, ${where}`, value: r.admissionRate, unit: "buyers/s", goal: ">= 300/s", met: r.admissionRate >= 300 });
  recordRow({ ...common, path: `on-sale oversold, ${where}`, value: r.oversold, unit: "seats", goal: "0", met: r.oversold === 0 });
  if (r.oversold > 0) throw new Error(`the on-sale oversold ${r.oversold} seats`);
  console.info(`position-update latency (tick -> pusher-js client): ${lat(r.position)}`);
  console.info(`admission push latency (tick -> pusher-js client): ${lat(r.admitted)}`);
}

function printCrowd(r: Awaited<ReturnType<typeof benchQueueCrowd>>) {
  console.info(
    `\n4. ${r.queued.toLocaleString("en")} buyers join one waiting room over HTTP (${r.joiners.toLocaleString("en")} measured after a 200-join warm-up; ${settings.concurrency} keep-alive connections, so no port runs short)`,
  );
  console.info(
    `join throughput: ${r.joins.rps.toFixed(0)}/s (${r.joins.seconds.toFixed(1)} s), ${lat(r.joins.latency)}, statuses ${JSON.stringify(r.joins.statuses)}`,
  );
  console.info(
    `floor (EVAL + committed INSERT), same client and connections: ${r.floor.rps.toFixed(0)}/s, ${lat(r.floor.latency)}; ratio joinQueue / floor: ${ratio(r.joins.rps, r.floor.rps)} (goal >= 0.5x)`,
  );
  console.info(`CPU per request, joinQueue: ${r.cpu.joins}; floor: ${r.cpu.floor}`);
  recordRow({
    bench: "bench:booking",
    path: "joinQueue, standalone server",
    value: r.joins.rps,
    unit: "req/s",
    baseline: { name: "floor", value: r.floor.rps },
    p50: r.joins.latency.p50,
    p95: r.joins.latency.p95,
    p99: r.joins.latency.p99,
    goal: ">= 0.5x floor",
    met: r.joins.rps >= 0.5 * r.floor.rps,
    note: `${settings.concurrency} keep-alive connections, ${r.joiners} joins; every join a committed QueueTicket row before its answer`,
  });
  console.info(`status polls (random buyers): ${r.poll.rps.toFixed(0)}/s, ${lat(r.poll.latency)}, statuses ${JSON.stringify(r.poll.statuses)}`);
  console.info(
    `Redis memory per queued buyer: ${r.memoryPerBuyer.toFixed(0)} B (used_memory delta), of which the waiting zset ${r.waitingKeyPerBuyer.toFixed(0)} B (MEMORY USAGE); queued ${r.queued}`,
  );
  console.info(
    `${r.sample} pusher-js clients (one per buyer) subscribed in ${r.subscribeSeconds.toFixed(1)} s; at the on-sale ${r.reached}/${r.sample} got their first push`,
  );
  console.info(`position-push latency: ${lat(r.position)}; admission-push latency: ${lat(r.admitted)}`);
}

/** A fresh --cpu-prof directory for one part's servers (null without --profile). */
const profileDir = () => (profile ? mkdtempSync(join(tmpdir(), "marquee-bench-prof-")) : null);

function printProfiles(part: string, dir: string | null): void {
  if (!dir) return;
  for (const { file, frames, byPackage } of summariseProfileDir(dir, 25)) printProfile(`${part} server profile (${file})`, frames, byPackage);
  rmSync(dir, { recursive: true, force: true });
}

async function main() {
  const pinned = pinSelf();
  console.info(
    `bench:booking ${new Date().toISOString()}${quick ? " (--quick)" : ""}; ${pinned ? `servers on CPU 0, load generators on CPU 1 (redis-server not pinned)` : "not pinned"}`,
  );

  const runs = (part: number) => settings.part === 0 || settings.part === part;
  if (runs(1)) {
    printPrimitive(
      await benchHoldPrimitive({
        redisUrl,
        prefix: `${prefix}-lua`,
        clients: settings.clients,
        operations: settings.operations,
        rounds: settings.rounds,
        pinned,
      }),
    );
  }
  if (runs(2)) {
    const dir = profileDir();
    printHttp(
      await benchHoldHttp({
        profileDir: dir,
        root,
        env,
        redisPrefix: `${prefix}-http`,
        connections: settings.connections,
        duration: settings.duration,
        rounds: settings.rounds,
        carts: settings.carts,
      }),
    );
    printProfiles("2. createHold", dir);
  }

  if (runs(3)) {
    if (origin === "web") {
      console.info("\nBuilding apps/web for part 3 (turbo; cached when nothing changed)...");
      execFileSync("npx", ["turbo", "run", "build", "--filter=@marquee/web", "--output-logs=errors-only"], {
        cwd: root,
        env: env as NodeJS.ProcessEnv,
        stdio: "inherit",
      });
    }
    const dir = profileDir();
    const options = { root, env, redisPrefix: `${prefix}-wr`, concurrency: settings.concurrency, origin, profileDir: dir };
    printOnSale(
      await benchOnSale({
        ...options,
        seats: settings.seats,
        buyers: settings.buyers,
        perClient: 1_000,
        holdConcurrency: 256,
        timeoutMs: 180_000,
        admitPerMinute: settings.admitPerMinute || null,
      }),
    );
    printProfiles(`3. on-sale (${origin} origin)`, dir);
  }
  if (runs(4)) {
    printCrowd(
      await benchQueueCrowd({
        root,
        env,
        redisPrefix: `${prefix}-wr`,
        concurrency: settings.concurrency,
        joiners: settings.joiners,
        statusPolls: Math.min(20_000, settings.joiners),
        sample: settings.sample,
      }),
    );
  }
}

runBench(main, async () => {
  await stopServersAndCleanUp();
  const deleted = await deleteKeys().catch((error: unknown) => {
    console.error("could not delete the run's Redis keys:", error);
    return 0;
  });
  console.info(`\ncleanup: servers stopped, database dropped, ${deleted} Redis keys under ${prefix}* deleted`);
});
