// GET /queues of a real booking worker process: its queue's counts and the dead letters copied
// from its queue (not other roles'), with the attempts each job made before it failed for good.
import { type Job, type Queue } from "bullmq";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookingPing, DEAD_LETTER_QUEUE, QUEUE_NAMES } from "@marquee/api/jobs";
import { type TDeadLetter } from "../src/jobs/dead-letter.ts";
import { createQueue } from "../src/jobs/queues.ts";
import { listDeadLetters } from "../src/jobs/dead-letter.ts";
import { type TQueueReport } from "../src/runtime/queue-report.ts";
import { connectTestRedis, deleteKeysWithPrefix, testRedisEnv } from "./testing/redis-keys.ts";
import { eventually, freePorts, killAll, spawnWorker, type TWorkerProcess, uniquePrefix, waitForHealthy } from "./testing/processes.ts";

const prefix = uniquePrefix("queues");
let httpPort: number;
let bookingWorker: TWorkerProcess;
let redis: RedisClient;
let bookingQueue: Queue;
let deadLetter: Queue;

const queuesReport = async (): Promise<TQueueReport> => {
  const response = await fetch(`http://127.0.0.1:${httpPort}/queues`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/json");
  return (await response.json()) as TQueueReport;
};

const waitForState = (job: Job, states: string[]) =>
  eventually(
    () => job.getState(),
    (state) => states.includes(state),
    20_000,
  );

beforeAll(async () => {
  // The analytics inbox key holds a string, not a list: each ping job's handler succeeds, then its
  // analytics report (LPUSH) fails with WRONGTYPE, so the job is retried like any job whose step failed.
  redis = connectTestRedis();
  await redis.set(`${prefix}:{analytics}:inbox`, "not a list");
  const [grpcPort, port] = await freePorts(2);
  httpPort = port!;
  bookingWorker = spawnWorker(["booking"], {
    WORKER_HOST: "127.0.0.1",
    ...testRedisEnv(),
    REDIS_PREFIX: prefix,
    BOOKING_GRPC_PORT: String(grpcPort),
    BOOKING_HTTP_PORT: String(httpPort),
  });
  bookingQueue = createQueue(QUEUE_NAMES.booking, redis, prefix);
  deadLetter = createQueue(DEAD_LETTER_QUEUE, redis, prefix);
  await waitForHealthy(`http://127.0.0.1:${httpPort}/healthz`, bookingWorker);
});

afterAll(async () => {
  killAll();
  await bookingQueue?.close();
  await deadLetter?.close();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

describe("GET /queues", () => {
  it("starts empty", async () => {
    expect(await queuesReport()).toEqual({
      role: "booking",
      queue: { queue: QUEUE_NAMES.booking, waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 },
      deadLetters: { queue: DEAD_LETTER_QUEUE, total: 0, entries: [] },
    });
  });

  it("shows jobs that failed for good, newest first, with their attempts, and only this role's", async () => {
    // Another role's dead letter on the shared dead-letter queue.
    const paymentLetter: TDeadLetter = {
      queue: QUEUE_NAMES.payment,
      jobId: "7",
      name: "stripe.event",
      data: {},
      failedReason: "not this role's",
      attemptsMade: 5,
      unrecoverable: false,
      failedAt: new Date().toISOString(),
    };
    await deadLetter.add(paymentLetter.name, paymentLetter, { jobId: `${QUEUE_NAMES.payment}-7-1` });

    const retried = await bookingQueue.add(bookingPing.name, { message: "analytics is down" }, { attempts: 3, backoff: { type: "fixed", delay: 50 } });
    expect(await waitForState(retried, ["completed", "failed"])).toBe("failed");
    const invalid = await bookingQueue.add(bookingPing.name, { message: 42 });
    expect(await waitForState(invalid, ["completed", "failed"])).toBe("failed");

    const report = await queuesReport();
    expect(report.queue).toEqual({ queue: QUEUE_NAMES.booking, waiting: 0, active: 0, delayed: 0, completed: 0, failed: 2 });
    expect(report.deadLetters.total).toBe(2);
    expect(report.deadLetters.entries).toEqual([
      {
        id: `${QUEUE_NAMES.booking}-${invalid.id}-${invalid.timestamp}`,
        name: "ping",
        jobId: invalid.id,
        attemptsMade: 1,
        unrecoverable: true,
        failedReason: expect.stringContaining("message"),
        failedAt: expect.any(String),
      },
      {
        id: `${QUEUE_NAMES.booking}-${retried.id}-${retried.timestamp}`,
        name: "ping",
        jobId: retried.id,
        attemptsMade: 3,
        unrecoverable: false,
        failedReason: expect.any(String),
        failedAt: expect.any(String),
      },
    ]);
    const [newest, older] = report.deadLetters.entries;
    expect(Date.parse(newest!.failedAt)).toBeGreaterThanOrEqual(Date.parse(older!.failedAt));
    // Reading changed nothing: the dead letters are still there for replay.
    expect(await deadLetter.getJobCountByTypes("waiting")).toBe(3);
  });

  it("counts every dead letter but loads only the newest `limit`", async () => {
    const { total, entries } = await listDeadLetters(deadLetter, QUEUE_NAMES.booking, 1);
    expect(total).toBe(2);
    expect(entries.map((entry) => entry.attemptsMade)).toEqual([1]);
  });

  it("answers GET only", async () => {
    const response = await fetch(`http://127.0.0.1:${httpPort}/queues`, { method: "POST" });
    expect(response.status).toBe(405);
    const notFound = await fetch(`http://127.0.0.1:${httpPort}/nope`);
    expect(await notFound.json()).toMatchObject({ endpoints: ["/healthz", "/metrics", "/queues"] });
  });
});
