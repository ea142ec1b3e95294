// The job pipeline's Prometheus metrics against the real Redis: the wait before a job's first
// attempt (a delay chosen on purpose is not waiting) and the dead letters read at scrape time.
import { type Job, type Queue, type Worker } from "bullmq";
import { DEAD_LETTER_QUEUE, defineJob, enqueueJob, QUEUE_NAMES } from "@marquee/api/jobs";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { sampleValue } from "@marquee/api/observability/prometheus-text";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { eventually, uniquePrefix } from "../../test/testing/processes.ts";
import { connectTestRedis, deleteKeysWithPrefix } from "../../test/testing/redis-keys.ts";
import { createLogger } from "../runtime/logger.ts";
import { createMetrics } from "../runtime/metrics.ts";
import { listDeadLetters } from "./dead-letter.ts";
import { createQueue } from "./queues.ts";
import { JobRegistry } from "./registry.ts";
import { createJobWorker } from "./worker.ts";

const step = defineJob({
  queue: QUEUE_NAMES.payment,
  name: "step",
  schema: z.object({ fail: z.boolean() }),
  options: { attempts: 2, backoff: { type: "fixed", delay: 10 } },
});

let redis: RedisClient;
const open: Array<Queue | Worker> = [];
let prefix = "";
beforeAll(() => {
  redis = connectTestRedis();
  prefix = uniquePrefix("job-metrics");
});
afterAll(async () => {
  for (const closable of open.reverse()) await closable.close();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

const settled = (job: Job) =>
  eventually(
    () => job.getState(),
    (state) => state === "completed" || state === "failed",
  );

describe("job metrics (real Redis)", () => {
  it("observe each job's wait once, from when it was due, and count dead letters per queue at scrape time", async () => {
    const metrics = createMetrics("test");
    const queue = createQueue(QUEUE_NAMES.payment, redis, prefix);
    const deadLetter = createQueue(DEAD_LETTER_QUEUE, redis, prefix);
    metrics.watchDeadLetters(queue.name, async () => (await listDeadLetters(deadLetter, queue.name, 0)).total);
    const registry = new JobRegistry(QUEUE_NAMES.payment).register(step, ({ fail }) => {
      if (fail) throw new Error("provider down");
    });
    const worker = createJobWorker({ registry, connection: redis, prefix, deadLetter, metrics, logger: createLogger("test", "silent") });
    open.push(queue, deadLetter, worker);
    const scrape = () => metrics.registry.metrics();
    const labels = { queue: QUEUE_NAMES.payment, job: "step" };
    expect(sampleValue(await scrape(), "marquee_worker_dead_letters", { queue: QUEUE_NAMES.payment })).toBe(0);

    // Delayed by 1.5 s on purpose: its wait starts when the delay is over, so it lands below 1 s.
    const delayed = await enqueueJob(queue, step, { fail: false }, { delay: 1_500 });
    expect(await settled(delayed)).toBe("completed");
    // Failing twice: two attempts, one wait observed, one dead letter.
    const failing = await enqueueJob(queue, step, { fail: true });
    expect(await settled(failing)).toBe("failed");

    const text = await eventually(scrape, (body) => sampleValue(body, "marquee_worker_dead_letters", { queue: QUEUE_NAMES.payment }) === 1);
    expect(sampleValue(text, "marquee_worker_job_wait_seconds_count", labels)).toBe(2);
    expect(sampleValue(text, "marquee_worker_job_wait_seconds_bucket", { ...labels, le: "1" })).toBe(2);
    expect(sampleValue(text, "marquee_worker_job_duration_seconds_count", { ...labels, status: "retried" })).toBe(1);
  });
});
