// `npm run bench:checkout`: checkout through the workers against baselines measured in the same run
// (method: packages/api/bench/README.md). Prints figures; it is a script, never a test.
//
//   npm run bench:checkout [-- --quick] [--part 1|2|3]
//     part 1: [--orders 300] [--concurrency 16] [--warmup 4] [--lone 20] [--poll-ms 100] [--profile]
//     part 2: [--jobs 20000] [--job-concurrency 5 (default: 5 and 50)] [--rounds 3]
//     part 3: [--calls 5000] [--concurrent-calls 20000] [--in-flight 32] [--rounds 3]
//     part 4: [--holds 3000] [--connections 32] [--floor-seconds 5] [--rounds 3] [--profile]
//     part 5: [--invoices 200] [--pdf-threads 2] [--rounds 3] (at least 2 rounds)
//
// 1. orders per second from hold to fulfilled (tickets, capture, invoice PDF, e-mail) through the
//    standalone API server and the five worker roles as processes; checks at the end;
// 2. our job pipeline (registry, metrics, dead letters; then + the analytics Record hop) vs a bare
//    BullMQ no-op worker on the same Redis;
// 3. one gRPC hop (our server and client layers, the real analytics role) vs bare @grpc/grpc-js;
// 4. checkout throughput over HTTP (order + PaymentIntent at the local Stripe server) vs the
//    durable-write floor, same autocannon load (--profile: the API server's top frames);
// 5. invoice PDFs per second inline vs through the workers' render pool (one process given 2 CPUs).
//
// Needs PostgreSQL and Redis (DATABASE_URL / REDIS_URL, defaults on 127.0.0.1). Everything it
// creates is removed at the end, also on Ctrl-C: database, Redis keys under its prefix, children
// (by process group), temp dirs.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { uniqueSuffix } from "@marquee/db/testing";
import { printProfile, summariseProfileDir } from "../../../../packages/api/bench/lib/cpu-profile.ts";
import { benchEnv } from "../../../../packages/api/bench/lib/env.ts";
import { deleteRedisKeys, numberOption, pinSelf, runBench, runCleanups } from "../../../../packages/api/bench/lib/load.ts";
import { benchCheckoutHttp } from "./checkout-http.ts";
import { benchGrpcHop } from "./grpc-hop.ts";
import { benchJobPipeline } from "./job-pipeline.ts";
import { benchOrderFlow } from "./order-flow.ts";
import { benchPdfPool, printPdfPool } from "./pdf-pool.ts";
import { startOrderStack } from "./order-stack.ts";
import { stopAllChildren } from "./processes.ts";
import { printCheckoutHttp, printGrpcHop, printJobPipeline, printOrderFlow } from "./report.ts";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const settings = {
  part: numberOption(args, "part", 0),
  orders: numberOption(args, "orders", quick ? 20 : 300),
  concurrency: numberOption(args, "concurrency", 16),
  warmup: numberOption(args, "warmup", 4),
  lone: numberOption(args, "lone", quick ? 3 : 20),
  pollMs: numberOption(args, "poll-ms", 100),
  jobs: numberOption(args, "jobs", quick ? 1_000 : 20_000),
  jobConcurrencies: args.includes("--job-concurrency") ? [numberOption(args, "job-concurrency", 5)] : quick ? [50] : [5, 50],
  rounds: numberOption(args, "rounds", quick ? 1 : 3),
  calls: numberOption(args, "calls", quick ? 500 : 5_000),
  concurrentCalls: numberOption(args, "concurrent-calls", quick ? 2_000 : 20_000),
  inFlight: numberOption(args, "in-flight", 32),
  holds: numberOption(args, "holds", quick ? 400 : 3_000),
  connections: numberOption(args, "connections", 32),
  floorSeconds: numberOption(args, "floor-seconds", quick ? 2 : 5),
  profile: args.includes("--profile"),
  invoices: numberOption(args, "invoices", quick ? 40 : 200),
  pdfThreads: numberOption(args, "pdf-threads", 2),
};
export type TSettings = typeof settings;

const env = benchEnv();
const prefix = `marquee-bench-co-${uniqueSuffix()}`;

/** Deletes every key of this run (all parts' prefixes start with it). */
const deleteKeys = () => deleteRedisKeys(env.REDIS_URL!, prefix);

async function main() {
  const pinned = pinSelf();
  console.info(
    `bench:checkout ${new Date().toISOString()}${quick ? " (--quick)" : ""}; ${pinned ? "servers and workers on CPU 0, load generators on CPU 1 (PostgreSQL and redis-server not pinned)" : "not pinned"}`,
  );
  const runs = (part: number) => settings.part === 0 || settings.part === part;

  if (runs(1)) {
    const profileDir = settings.profile ? mkdtempSync(join(tmpdir(), "marquee-bench-checkout-prof-")) : null;
    const stack = await startOrderStack({
      env,
      redisPrefix: `${prefix}-p1`,
      orders: 1 + settings.warmup + settings.lone + 2 * settings.orders,
      concurrency: settings.concurrency,
      profileDir,
    });
    try {
      const result = await benchOrderFlow(stack, {
        orders: settings.orders,
        concurrency: settings.concurrency,
        warmup: settings.warmup,
        lone: settings.lone,
        pollMs: settings.pollMs,
        orderTimeoutMs: 180_000,
      });
      printOrderFlow(result, settings);
      if (result.failures.length > 0 || result.checks.some((check) => !check.ok)) process.exitCode = 1;
    } finally {
      await stack.stop();
    }
    if (profileDir) {
      // Written by each process as it stopped: where the CPU of the one shared server core went.
      for (const name of readdirSync(profileDir))
        for (const entry of summariseProfileDir(join(profileDir, name), 12)) printProfile(`${name} (${entry.file})`, entry.frames, entry.byPackage);
      rmSync(profileDir, { recursive: true, force: true });
    }
  }
  if (runs(2)) {
    const result = await benchJobPipeline({
      env,
      redisPrefix: `${prefix}-p2`,
      jobs: settings.jobs,
      concurrencies: settings.jobConcurrencies,
      rounds: settings.rounds,
    });
    printJobPipeline(result, settings);
    if (result.trouble > 0 || result.counted !== result.recorded) process.exitCode = 1;
  }
  if (runs(3)) {
    printGrpcHop(
      await benchGrpcHop({
        env,
        redisPrefix: `${prefix}-p3`,
        sequential: settings.calls,
        concurrent: settings.concurrentCalls,
        inFlight: settings.inFlight,
        rounds: settings.rounds,
      }),
      settings,
    );
  }
  if (runs(4)) {
    const result = await benchCheckoutHttp({
      env,
      redisPrefix: `${prefix}-p4`,
      connections: settings.connections,
      holds: settings.holds,
      rounds: settings.rounds,
      floorSeconds: settings.floorSeconds,
      profile: settings.profile,
    });
    printCheckoutHttp(result, settings);
    if (result.orders !== result.checkedOut || result.intents !== result.orders) process.exitCode = 1;
  }
  if (runs(5)) {
    const result = await benchPdfPool({ env, invoices: settings.invoices, threads: settings.pdfThreads, rounds: Math.max(2, settings.rounds) });
    printPdfPool(result);
    if (result.bad > 0) process.exitCode = 1;
  }
}

async function cleanUp() {
  await stopAllChildren();
  await runCleanups();
  const deleted = await deleteKeys().catch((error: unknown) => {
    console.error("could not delete the run's Redis keys:", error);
    return 0;
  });
  console.info(
    `\ncleanup: children stopped${settings.part === 0 || settings.part === 1 ? ", database dropped, temp dir removed" : ""}, ${deleted} Redis keys under ${prefix}* deleted`,
  );
}

runBench(main, cleanUp);
