// Part 2's worker process (pinned to the server CPU): drains a queue the parent filled, with a bare
// BullMQ Worker or with our worker runtime, and answers how long it took (IPC).
//
//   node --import tsx bench/checkout/job-drain-child.ts <analytics host:port> <analytics REDIS_PREFIX>
import { Worker } from "bullmq";
import { Redis } from "ioredis";
import { benchEnv } from "../../../../packages/api/bench/lib/env.ts";
import { DEAD_LETTER_QUEUE, queuePrefix } from "@marquee/api/jobs";
import { createQueue } from "../../src/jobs/queues.ts";
import { JobRegistry } from "../../src/jobs/registry.ts";
import { createJobWorker, type TJobWorkerOptions } from "../../src/jobs/worker.ts";
import { createCounterStore } from "../../src/roles/analytics-counters.ts";
import { createAnalyticsClient } from "../../src/runtime/analytics-client.ts";
import { createLogger } from "../../src/runtime/logger.ts";
import { createMetrics } from "../../src/runtime/metrics.ts";
import { benchNoop, NOOP_ROLE, type TDrainCommand, type TDrainResult } from "./job-noop.ts";
import { serveIpc } from "./processes.ts";

const env = benchEnv();
const analyticsAddress = process.argv[2]!;
const analyticsPrefix = process.argv[3]!;
// One of each per process, as in a role process (run-role.ts).
const redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: null });
const metrics = createMetrics(NOOP_ROLE);
const logger = createLogger(NOOP_ROLE, "silent");
const registry = new JobRegistry(benchNoop.queue).register(benchNoop, () => undefined);
const analytics = createAnalyticsClient(analyticsAddress, { metrics });
const counters = createCounterStore(redis, analyticsPrefix);
// run-role.ts's afterJob: the per-job report to the analytics worker's inbox (applied once per job key).
const recordJob: TJobWorkerOptions["afterJob"] = async (job, context) => {
  await counters.report({ name: `jobs.${NOOP_ROLE}.${job.name}`, count: 1, correlationId: context.key });
};

async function drain(command: TDrainCommand): Promise<TDrainResult> {
  const deadLetter = createQueue(DEAD_LETTER_QUEUE, redis, command.prefix);
  let completed = 0;
  let failed = 0;
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const count = () => completed + failed === command.jobs && settle();
  const started = performance.now();
  const worker =
    command.kind === "bare"
      ? new Worker(benchNoop.queue, async () => {}, {
          connection: redis,
          prefix: queuePrefix(command.prefix, benchNoop.queue),
          concurrency: command.concurrency,
        })
      : createJobWorker({
          registry,
          connection: redis,
          prefix: command.prefix,
          deadLetter,
          metrics,
          logger,
          concurrency: command.concurrency,
          afterJob: command.kind === "ours+record" ? recordJob : undefined,
        });
  worker.on("completed", () => {
    completed += 1;
    count();
  });
  worker.on("failed", () => {
    failed += 1;
    count();
  });
  // A stalled drain ends the run instead of hanging it.
  let last = -1;
  const watchdog = setInterval(() => {
    if (completed + failed === last) settle();
    last = completed + failed;
  }, 30_000);
  await done;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(watchdog);
  await worker.close();
  await deadLetter.close();
  return { seconds, completed, failed };
}

serveIpc(async (command) => {
  if (command.op === "drain") return drain(command as unknown as TDrainCommand);
  if (command.op === "counters") return analytics.getCounters([`jobs.${NOOP_ROLE}.${benchNoop.name}`]);
  throw new Error(`unknown command ${String(command.op)}`);
});
process.on("SIGTERM", () => {
  analytics.close();
  void redis.quit().finally(() => process.exit(0));
});
