// Part 2: our job pipeline vs a bare BullMQ no-op worker on the same Redis. The parent (load CPU)
// fills a fresh queue with addBulk; a worker child (server CPU) drains it and times the drain.
import { DEAD_LETTER_QUEUE, DEFAULT_JOB_OPTIONS, queuePrefix } from "@marquee/api/jobs";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { deleteKeysMatching, LOAD_CPU, SERVER_CPU } from "../../../../packages/api/bench/lib/load.ts";
import { median } from "./figures.ts";
import { benchNoop, type TDrainKind, type TDrainResult } from "./job-noop.ts";
import { freePorts, ipcCaller, startChild, tsxCommand, waitForHealthy, WORKERS_DIR } from "./processes.ts";

export interface TJobPipelineOptions {
  env: Record<string, string | undefined>;
  redisPrefix: string;
  jobs: number;
  concurrencies: number[];
  rounds: number;
}

export const DRAIN_KINDS: readonly TDrainKind[] = ["bare", "ours", "ours+record"];

export interface TPipelineRow {
  kind: TDrainKind;
  jobsPerSecond: number;
  rounds: number[];
}

/** Deletes `<prefix>:*` (one run's queue), so every run starts from the same Redis size. */
const deleteRunKeys = (redis: Redis, prefix: string) => deleteKeysMatching(redis, `${prefix}:*`);

/** M no-op jobs with the queues' default options (the same for every row), 1,000 per addBulk. */
async function fill(redis: Redis, prefix: string, jobs: number) {
  const queue = new Queue(benchNoop.queue, { connection: redis, prefix: queuePrefix(prefix, benchNoop.queue), defaultJobOptions: DEFAULT_JOB_OPTIONS });
  for (let start = 0; start < jobs; start += 1_000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1_000, jobs - start) }, (_, i) => ({ name: benchNoop.name, data: { n: start + i, correlationId: `bench-${start + i}` } })),
    );
  }
  await queue.close();
}

export async function benchJobPipeline(options: TJobPipelineOptions) {
  const redis = new Redis(options.env.REDIS_URL!, { maxRetriesPerRequest: null });
  // A real analytics role for the third row's reports (it drains its inbox every 100 ms), on the load CPU.
  const [grpcPort, httpPort] = await freePorts(2);
  const analyticsEnv = {
    ...options.env,
    REDIS_PREFIX: `${options.redisPrefix}-an`,
    WORKER_HOST: "127.0.0.1",
    ANALYTICS_GRPC_PORT: String(grpcPort),
    ANALYTICS_HTTP_PORT: String(httpPort),
    LOG_LEVEL: "warn",
  };
  const analytics = startChild("analytics", tsxCommand("src/main.ts", "analytics"), { cwd: WORKERS_DIR, env: analyticsEnv, cpu: LOAD_CPU });
  const drainer = startChild("drain", tsxCommand("bench/checkout/job-drain-child.ts", `127.0.0.1:${grpcPort}`, analyticsEnv.REDIS_PREFIX), {
    cwd: WORKERS_DIR,
    env: options.env,
    cpu: SERVER_CPU,
    ipc: true,
  });
  const call = ipcCaller(drainer);
  try {
    await Promise.all([waitForHealthy(`http://127.0.0.1:${httpPort}/healthz`, analytics), call.ready]);
    let runs = 0;
    let recorded = 0;
    let trouble = 0;
    const drainOnce = async (kind: TDrainKind, concurrency: number, jobs: number) => {
      const prefix = `${options.redisPrefix}-${++runs}`;
      await fill(redis, prefix, jobs);
      const result = await call<TDrainResult>({ op: "drain", kind, prefix, jobs, concurrency });
      const deadLetter = new Queue(DEAD_LETTER_QUEUE, { connection: redis, prefix: queuePrefix(prefix, DEAD_LETTER_QUEUE) });
      const letters = Object.values(await deadLetter.getJobCounts()).reduce((sum, count) => sum + count, 0);
      await deadLetter.close();
      if (result.failed > 0 || result.completed !== jobs || letters > 0) {
        trouble += 1;
        console.warn(`part 2: ${kind} c=${concurrency}: ${result.completed}/${jobs} completed, ${result.failed} failed, ${letters} dead letters`);
      }
      if (kind === "ours+record") recorded += result.completed;
      await deleteRunKeys(redis, prefix);
      return jobs / result.seconds;
    };

    const byConcurrency: { concurrency: number; rows: TPipelineRow[] }[] = [];
    for (const concurrency of options.concurrencies) {
      // Warm-up of each row (JIT, connections), not counted.
      for (const kind of DRAIN_KINDS) await drainOnce(kind, concurrency, Math.max(500, Math.floor(options.jobs / 10)));
      const perKind = new Map<TDrainKind, number[]>(DRAIN_KINDS.map((kind) => [kind, []]));
      for (let round = 0; round < options.rounds; round++) {
        for (const kind of DRAIN_KINDS) perKind.get(kind)!.push(await drainOnce(kind, concurrency, options.jobs));
      }
      byConcurrency.push({ concurrency, rows: DRAIN_KINDS.map((kind) => ({ kind, jobsPerSecond: median(perKind.get(kind)!), rounds: perKind.get(kind)! })) });
    }
    // Every job of the third row was counted once by the analytics worker (its drain runs every 100 ms).
    let counted = 0;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
      const counters = await call<Record<string, number>>({ op: "counters" });
      counted = Object.values(counters)[0] ?? 0;
      if (counted >= recorded) break;
    }
    return { byConcurrency, recorded, counted, trouble };
  } finally {
    await Promise.all([drainer.stop(), analytics.stop()]);
    await redis.quit();
  }
}
