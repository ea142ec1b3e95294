// The job pipeline in-process against the real Redis: retries, dead letters, graceful close.
import { type Job, type Queue, type Worker } from "bullmq";
import { DEAD_LETTER_QUEUE, defineJob, enqueueJob, QUEUE_NAMES } from "@marquee/api/jobs";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { eventually, uniquePrefix } from "../../test/testing/processes.ts";
import { connectTestRedis, deleteKeysWithPrefix } from "../../test/testing/redis-keys.ts";
import { createLogger } from "../runtime/logger.ts";
import { createMetrics } from "../runtime/metrics.ts";
import { type TDeadLetter } from "./dead-letter.ts";
import { createQueue } from "./queues.ts";
import { JobRegistry } from "./registry.ts";
import { createJobWorker, type TJobWorkerOptions } from "./worker.ts";

const flaky = defineJob({
  queue: QUEUE_NAMES.payment,
  name: "flaky",
  schema: z.object({ step: z.string() }),
  options: { attempts: 3, backoff: { type: "fixed", delay: 10 } },
});

let redis: RedisClient;
const open: Array<Queue | Worker> = [];
const prefixes: string[] = [];
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  for (const closable of open.reverse()) await closable.close();
  for (const prefix of prefixes) await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

function setUp(handler: (payload: { step: string }) => Promise<void> | void, extra: Partial<TJobWorkerOptions> = {}) {
  const prefix = uniquePrefix("jobs");
  prefixes.push(prefix);
  const metrics = createMetrics("test");
  const queue = createQueue(QUEUE_NAMES.payment, redis, prefix);
  const deadLetter = createQueue(DEAD_LETTER_QUEUE, redis, prefix);
  const registry = new JobRegistry(QUEUE_NAMES.payment).register(flaky, handler);
  const worker = createJobWorker({ registry, connection: redis, prefix, deadLetter, metrics, logger: createLogger("test", "silent"), ...extra });
  open.push(queue, deadLetter, worker);
  const counts = async () => Object.fromEntries((await metrics.jobs.get()).values.map((value) => [value.labels.status, value.value]));
  return { queue, deadLetter, worker, counts };
}

const settled = (job: Job) =>
  eventually(
    () => job.getState(),
    (state) => state === "completed" || state === "failed",
  );

describe("job worker (real Redis)", () => {
  it("retries a failing job with its attempts, then copies it to the dead-letter queue with its error", async () => {
    let calls = 0;
    const { queue, deadLetter, counts } = setUp(() => {
      calls += 1;
      throw new Error(`payment provider down (call ${calls})`);
    });
    const job = await enqueueJob(queue, flaky, { step: "charge" }, { correlationId: "c-dlq" });
    expect(await settled(job)).toBe("failed");
    expect(calls).toBe(3);
    const letters = await eventually(
      () => deadLetter.getJobs(["waiting"]),
      (jobs) => jobs.length > 0,
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]!.data as TDeadLetter).toMatchObject({
      queue: QUEUE_NAMES.payment,
      jobId: job.id,
      name: "flaky",
      data: { step: "charge", correlationId: "c-dlq" },
      failedReason: "payment provider down (call 3)",
      attemptsMade: 3,
      unrecoverable: false,
    });
    expect(await counts()).toEqual({ retried: 2, failed: 1 });
  });

  it("retries when the after-job step fails, with the same job key each time", async () => {
    const keys: string[] = [];
    let handled = 0;
    const { queue, deadLetter, counts } = setUp(
      () => {
        handled += 1;
      },
      {
        afterJob: async (_job, context) => {
          keys.push(context.key);
          if (keys.length === 1) throw new Error("analytics unavailable");
        },
      },
    );
    const job = await enqueueJob(queue, flaky, { step: "charge" });
    expect(await settled(job)).toBe("completed");
    expect(handled).toBe(2);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(await counts()).toEqual({ retried: 1, completed: 1 });
    expect(await deadLetter.getJobCountByTypes("waiting")).toBe(0);
  });

  it("lets the running job finish when the worker is closed", async () => {
    let finished = false;
    const { queue, worker } = setUp(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      finished = true;
    });
    const job = await enqueueJob(queue, flaky, { step: "slow" });
    await eventually(
      () => job.getState(),
      (state) => state === "active",
    );
    await worker.close();
    expect(finished).toBe(true);
    expect(await job.getState()).toBe("completed");
  });
});
