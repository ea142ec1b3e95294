// The booking worker as a real process, SIGTERM while a job runs: a hold-expiry job is held up on
// a PostgreSQL row lock this test holds, so it is certainly running when the signal arrives. The
// job still finishes (the hold ends EXPIRED), a job queued after the signal stays waiting, and the
// process exits 0 within its shutdown bound (15 s, shutdown.ts), even with a client of its HTTP
// server (a scraper, a probe) half-way through a request. workers.integration.test.ts covers the
// health watchers and an idle worker's exit.
import { fixedClock } from "@marquee/api/clock";
import { bookingHoldExpire, bookingPing, enqueueJob, QUEUE_NAMES, type QueueClient } from "@marquee/api/jobs";
import { createCart } from "@marquee/api/services/cart/create-cart";
import { createHold } from "@marquee/api/services/booking/create-hold";
import { createDb, type Db } from "@marquee/db";
import { createFactories, testDatabaseUrl } from "@marquee/db/testing";
import { type Queue } from "bullmq";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueue } from "../src/jobs/queues.ts";
import { eventually, freePorts, killAll, spawnWorker, type TWorkerProcess, uniquePrefix, waitForHealthy } from "./testing/processes.ts";
import { connectTestRedis, deleteKeysWithPrefix, TEST_REDIS_URL } from "./testing/redis-keys.ts";

const prefix = uniquePrefix("drain");
let worker: TWorkerProcess;
let db: Db;
let redis: ReturnType<typeof connectTestRedis>;
let queue: Queue;
let httpPort: number;

beforeAll(async () => {
  const [grpcPort, port] = await freePorts(2);
  httpPort = port!;
  worker = spawnWorker(["booking"], {
    WORKER_HOST: "127.0.0.1",
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    DATABASE_URL: testDatabaseUrl(),
    LOG_LEVEL: "info",
    BOOKING_GRPC_PORT: String(grpcPort),
    BOOKING_HTTP_PORT: String(httpPort),
  });
  db = createDb(testDatabaseUrl(), { max: 4 });
  redis = connectTestRedis();
  queue = createQueue(QUEUE_NAMES.booking, redis, prefix);
  await waitForHealthy(`http://127.0.0.1:${httpPort}/healthz`, worker);
});

afterAll(async () => {
  killAll();
  await queue?.close();
  await deleteKeysWithPrefix(redis, prefix);
  await redis?.quit();
  await db?.$disconnect();
});

/** An ACTIVE hold of 2 (its stock taken in this run's Redis) whose expiresAt is now; no expiry job queued. */
async function dueHold() {
  const { event, ticketType } = await createFactories(db).gaEvent({ capacity: 10 });
  await db.event.update({ where: { id: event.id }, data: { holdTtlSeconds: 60 } });
  const noJobs: QueueClient = { add: async () => ({ id: undefined }), close: async () => {} };
  const deps = { db, redis, redisPrefix: prefix, clock: fixedClock(new Date(Date.now() - 60_000)), queues: noJobs };
  const cart = await createCart(deps, null);
  return createHold(
    deps,
    { id: cart.cartId, userId: null, expiresAt: cart.expiresAt },
    { admissionToken: null },
    { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 2 }] },
  );
}

describe("the booking worker on SIGTERM", () => {
  it("finishes the job it is running, takes no job queued after the signal, and exits 0 within its shutdown bound", async () => {
    // The worker's periodic hold sweeper would expire the hold too: this test holds its window
    // (the key booking-sweeper.ts claims each period), so only the job ends the hold.
    await redis.set(`${prefix}:booking:hold-sweep-lock`, "test", "PX", 120_000);
    const hold = await dueHold();

    // The hold's row, locked in a transaction left open until `unlock()`.
    let unlock!: () => void;
    const unlocked = new Promise<void>((resolve) => (unlock = resolve));
    let lockerPid = 0;
    let locked = false;
    const locker = db.$transaction(
      async (tx) => {
        lockerPid = (await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!.pid;
        await tx.$queryRaw`SELECT id FROM "Hold" WHERE id = ${hold.id}::uuid FOR UPDATE`;
        locked = true;
        await unlocked;
      },
      { timeout: 60_000 },
    );
    expect(await eventually(async () => locked, Boolean)).toBe(true);

    const job = await enqueueJob(queue, bookingHoldExpire, { holdId: hold.id });
    // Running: the worker took it and its UPDATE waits for the lock.
    const blocked = await eventually(
      async () =>
        (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE ${lockerPid}::int = ANY(pg_blocking_pids(pid))`)[0]!.n,
      (count) => count > 0,
    );
    expect(blocked).toBe(1);
    expect(await job.getState()).toBe("active");

    // A client of /metrics that has sent only part of its request when the signal comes.
    const scraper: Socket = connect(httpPort, "127.0.0.1");
    scraper.on("error", () => {});
    await new Promise((resolve) => scraper.once("connect", resolve));
    scraper.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n");

    const stopped = worker.stop("SIGTERM", 30_000);
    expect(await eventually(async () => worker.stdout().includes('"msg":"shutting down"'), Boolean)).toBe(true);
    const late = await enqueueJob(queue, bookingPing, { message: "queued after SIGTERM" });
    // Still running the job (it cannot finish while the lock is held), so the process is still there.
    expect(worker.child.exitCode).toBeNull();

    unlock();
    await locker;
    const exit = await stopped;
    expect(exit, worker.stderr() + worker.stdout()).toMatchObject({ code: 0, timedOut: false });
    expect(exit.ms).toBeLessThan(15_000);

    expect(await job.getState()).toBe("completed");
    expect((await queue.getJob(job.id!))?.returnvalue).toEqual({ ended: true, offered: 0 });
    expect((await db.hold.findUniqueOrThrow({ where: { id: hold.id } })).status).toBe("EXPIRED");
    expect(await late.getState()).toBe("waiting");
    expect(worker.stdout()).not.toContain("queued after SIGTERM");
    expect(worker.stdout()).toContain('"msg":"shutdown complete"');
    scraper.destroy();
  });
});
