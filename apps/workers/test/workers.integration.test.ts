// The analytics and booking workers as two real processes, against the real Redis: a booking
// job reaches analytics through its inbox and is counted once, Record answers over gRPC, the job
// shows in /metrics, and both shut down cleanly.
import { credentials, Metadata, status as Status } from "@grpc/grpc-js";
import { HealthCheckResponse_ServingStatus, HealthClient, type HealthCheckResponse } from "@marquee/proto/grpc/health/v1";
import { BookingServiceClient, type BookingServiceGetQueueStatsReply } from "@marquee/proto/v1/booking";
import { type Job, type Queue } from "bullmq";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookingPing, DEAD_LETTER_QUEUE, enqueueJob, QUEUE_NAMES } from "@marquee/api/jobs";
import { type TDeadLetter } from "../src/jobs/dead-letter.ts";
import { createQueue } from "../src/jobs/queues.ts";
import { createAnalyticsClient, type TAnalyticsClient } from "../src/runtime/analytics-client.ts";
import { connectTestRedis, deleteKeysWithPrefix, testRedisEnv } from "./testing/redis-keys.ts";
import { eventually, freePorts, killAll, spawnWorker, type TWorkerProcess, uniquePrefix, waitForHealthy } from "./testing/processes.ts";

const prefix = uniquePrefix("workers");
let ports: { analyticsGrpc: number; analyticsHttp: number; bookingGrpc: number; bookingHttp: number };
let analyticsWorker: TWorkerProcess;
let bookingWorker: TWorkerProcess;
let redis: RedisClient;
let bookingQueue: Queue;
let deadLetter: Queue;
let analytics: TAnalyticsClient;

const metricsOf = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();

/** Whether the process's stdout shows `pattern` (read through the pipe, so give it a moment). */
const outputOf = (worker: TWorkerProcess, pattern: RegExp) => eventually(async () => pattern.test(worker.stdout()), Boolean, 5_000);

async function waitForState(job: Job, states: string[]): Promise<string> {
  return eventually(
    () => job.getState(),
    (state) => states.includes(state),
  );
}

beforeAll(async () => {
  const [analyticsGrpc, analyticsHttp, bookingGrpc, bookingHttp] = await freePorts(4);
  ports = { analyticsGrpc: analyticsGrpc!, analyticsHttp: analyticsHttp!, bookingGrpc: bookingGrpc!, bookingHttp: bookingHttp! };
  const env = {
    WORKER_HOST: "127.0.0.1",
    ...testRedisEnv(),
    REDIS_PREFIX: prefix,
    // debug: analytics logs each Record, which shows the correlation id it received.
    LOG_LEVEL: "debug",
    ANALYTICS_GRPC_PORT: String(ports.analyticsGrpc),
    ANALYTICS_HTTP_PORT: String(ports.analyticsHttp),
    BOOKING_GRPC_PORT: String(ports.bookingGrpc),
    BOOKING_HTTP_PORT: String(ports.bookingHttp),
  };
  analyticsWorker = spawnWorker(["analytics"], env);
  bookingWorker = spawnWorker(["booking"], env);
  redis = connectTestRedis();
  bookingQueue = createQueue(QUEUE_NAMES.booking, redis, prefix);
  deadLetter = createQueue(DEAD_LETTER_QUEUE, redis, prefix);
  analytics = createAnalyticsClient(`127.0.0.1:${ports.analyticsGrpc}`);
  await Promise.all([
    waitForHealthy(`http://127.0.0.1:${ports.analyticsHttp}/healthz`, analyticsWorker),
    waitForHealthy(`http://127.0.0.1:${ports.bookingHttp}/healthz`, bookingWorker),
  ]);
});

afterAll(async () => {
  killAll();
  analytics?.close();
  await bookingQueue?.close();
  await deadLetter?.close();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

describe("booking and analytics workers as separate processes", () => {
  it("report healthy on /healthz with the checks they ran", async () => {
    const response = await fetch(`http://127.0.0.1:${ports.bookingHttp}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ role: "booking", status: "ok", checks: { shutdown: "ok", redis: "ok", grpc: "ok", worker: "ok" } });
  });

  it("serve grpc.health.v1 for the whole server and their own service", async () => {
    const health = new HealthClient(`127.0.0.1:${ports.bookingGrpc}`, credentials.createInsecure());
    const check = (service: string) =>
      new Promise<HealthCheckResponse>((resolve, reject) =>
        health.check({ service }, new Metadata(), { deadline: Date.now() + 2_000 }, (error, reply) => (error ? reject(error) : resolve(reply))),
      );
    expect((await check("")).status).toBe(HealthCheckResponse_ServingStatus.SERVING);
    expect((await check("marquee.v1.BookingService")).status).toBe(HealthCheckResponse_ServingStatus.SERVING);
    await expect(check("marquee.v1.NoSuchService")).rejects.toMatchObject({ code: Status.NOT_FOUND });
    health.close();
  });

  it("count a booking job in analytics exactly once, through the analytics inbox between the processes", async () => {
    expect(await analytics.getCounters(["jobs.booking.ping"])).toEqual({ "jobs.booking.ping": 0 });

    const job = await enqueueJob(bookingQueue, bookingPing, { message: "hello from the test" }, { correlationId: "test-correlation-1" });
    expect(await waitForState(job, ["completed", "failed"])).toBe("completed");

    // The analytics worker applies the report within its 100 ms drain interval.
    expect(
      await eventually(
        () => analytics.getCounters(["jobs.booking.ping"]),
        (counters) => counters["jobs.booking.ping"] === 1,
      ),
    ).toEqual({ "jobs.booking.ping": 1 });
    // The booking worker logged the job under the correlation id given at enqueue time.
    expect(await outputOf(bookingWorker, /"correlationId":"test-correlation-1".*"msg":"booking ping"/)).toBe(true);
  });

  it("expose the job counter and the gRPC call counters on /metrics", async () => {
    const bookingMetrics = await metricsOf(ports.bookingHttp);
    expect(bookingMetrics).toMatch(/^marquee_worker_jobs_total\{queue="marquee\.booking",job="ping",status="completed",role="booking"\} 1$/m);
    expect(bookingMetrics).toMatch(/^process_cpu_seconds_total/m);
  });

  it("count a Record retried with the same correlation id once", async () => {
    const request = { name: "test.retried", count: 5, correlationId: "retry-me" };
    expect(await analytics.record(request)).toEqual({ applied: true, value: 5 });
    expect(await analytics.record(request)).toEqual({ applied: false, value: 5 });
    expect(await analytics.record({ ...request, correlationId: "another-operation" })).toEqual({ applied: true, value: 10 });
    expect(await analytics.getCounters(["test.retried", "test.never"])).toEqual({ "test.retried": 10, "test.never": 0 });
  });

  it("reject an invalid Record with INVALID_ARGUMENT", async () => {
    await expect(analytics.record({ name: "bad name!", count: 1, correlationId: "x" })).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT });
    await expect(analytics.record({ name: "ok", count: 0, correlationId: "x" })).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT });
  });

  it("fail a job with an invalid payload without retrying and copy it to the dead-letter queue", async () => {
    const job = await bookingQueue.add(bookingPing.name, { message: 42 });
    expect(await waitForState(job, ["completed", "failed"])).toBe("failed");
    const failed = await bookingQueue.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    const [letter] = await deadLetter.getJobs(["waiting"]);
    expect(letter?.data as TDeadLetter).toMatchObject({
      queue: QUEUE_NAMES.booking,
      jobId: job.id,
      name: "ping",
      data: { message: 42 },
      attemptsMade: 1,
      unrecoverable: true,
      failedReason: expect.stringContaining("message"),
    });
    // Failed jobs are not counted in analytics.
    expect(await analytics.getCounters(["jobs.booking.ping"])).toEqual({ "jobs.booking.ping": 1 });
    // /metrics reads the role's dead letters at scrape time; both ping jobs' waits were observed.
    const metrics = await metricsOf(ports.bookingHttp);
    expect(metrics).toMatch(/^marquee_worker_dead_letters\{queue="marquee\.booking",role="booking"\} 1$/m);
    expect(metrics).toMatch(/^marquee_worker_job_wait_seconds_count\{role="booking",queue="marquee\.booking",job="ping"\} 2$/m);
  });

  it("report their queue's job counts over gRPC", async () => {
    const booking = new BookingServiceClient(`127.0.0.1:${ports.bookingGrpc}`, credentials.createInsecure());
    const reply = await new Promise<BookingServiceGetQueueStatsReply>((resolve, reject) =>
      booking.getQueueStats({}, new Metadata(), { deadline: Date.now() + 2_000 }, (error, value) => (error ? reject(error) : resolve(value))),
    );
    booking.close();
    expect(reply.stats).toEqual({ queue: QUEUE_NAMES.booking, waiting: 0, active: 0, delayed: 0, completed: 1, failed: 1 });
  });

  it("exit 0 within a few seconds of SIGTERM, telling health watchers NOT_SERVING first", async () => {
    const health = new HealthClient(`127.0.0.1:${ports.bookingGrpc}`, credentials.createInsecure());
    const statuses: HealthCheckResponse_ServingStatus[] = [];
    const watch = health.watch({ service: "marquee.v1.BookingService" });
    const watchEnded = new Promise<void>((resolve) => {
      watch.on("end", resolve);
      watch.on("error", () => resolve());
    });
    watch.on("data", (reply: HealthCheckResponse) => statuses.push(reply.status));
    await eventually(
      async () => statuses.length,
      (count) => count > 0,
    );

    const [booking, analyticsExit] = await Promise.all([bookingWorker.stop("SIGTERM"), analyticsWorker.stop("SIGTERM")]);
    await watchEnded;
    health.close();
    expect(statuses).toEqual([HealthCheckResponse_ServingStatus.SERVING, HealthCheckResponse_ServingStatus.NOT_SERVING]);
    for (const exit of [booking, analyticsExit]) {
      expect(exit).toMatchObject({ code: 0, timedOut: false });
      expect(exit.ms).toBeLessThan(5_000);
    }
    expect(bookingWorker.stdout()).toContain('"msg":"shutdown complete"');
  });
});
