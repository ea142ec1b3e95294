// The booking worker's hold-expiry jobs run the real services: real PostgreSQL (the run's own
// database), real Redis, a real BullMQ Worker, and a hold made by @marquee/api's createHold.
import { fixedClock, systemClock } from "@marquee/api/clock";
import { bookingHoldSweep, createQueueClient, DEAD_LETTER_QUEUE, enqueueJob, expireHoldJobId, QUEUE_NAMES, type QueueClient } from "@marquee/api/jobs";
import { createCart } from "@marquee/api/services/cart/create-cart";
import { createHold } from "@marquee/api/services/booking/create-hold";
import { getAvailability } from "@marquee/api/services/booking/get-availability";
import { openConversation } from "@marquee/api/services/inbox/inbox-test-kit";
import { type RealtimePublisher } from "@marquee/api/realtime/publisher";
import { createDb, type Db } from "@marquee/db";
import { createFactories, testDatabaseUrl } from "@marquee/db/testing";
import { type Job, type Queue, type Worker } from "bullmq";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, uniquePrefix } from "../../test/testing/processes.ts";
import { connectTestRedis, deleteKeysWithPrefix } from "../../test/testing/redis-keys.ts";
import { createQueue } from "../jobs/queues.ts";
import { createJobWorker } from "../jobs/worker.ts";
import { createLogger } from "../runtime/logger.ts";
import { createMetrics } from "../runtime/metrics.ts";
import { createBookingRole } from "./booking.ts";
import { startHoldSweeper } from "./booking-sweeper.ts";
import { type TRoleModule } from "./types.ts";

let db: Db;
let redis: RedisClient;
let prefix: string;
let queue: Queue;
let deadLetter: Queue;
let queues: QueueClient;
let role: TRoleModule;
let worker: Worker;
/** What the role would send to Soketi (live availability). */
const announced: { channel: string; event: string; data: unknown }[] = [];
const recordingPublisher: RealtimePublisher = {
  trigger: async (channel, event, data) => {
    announced.push({ channel: String(channel), event, data });
  },
  triggerBatch: async () => {},
  authorizeChannel: () => ({ auth: "" }),
};

beforeAll(async () => {
  db = createDb(testDatabaseUrl(), { max: 4 });
  redis = connectTestRedis();
  prefix = uniquePrefix("booking");
  queue = createQueue(QUEUE_NAMES.booking, redis, prefix);
  deadLetter = createQueue(DEAD_LETTER_QUEUE, redis, prefix);
  queues = createQueueClient(redis, prefix);
  const logger = createLogger("test", "silent");
  role = createBookingRole({ role: "booking", logger, redis, prefix, queue, databaseUrl: testDatabaseUrl(), realtime: recordingPublisher });
  worker = createJobWorker({ registry: role.jobs, connection: redis, prefix, deadLetter, metrics: createMetrics("test"), logger });
});
afterAll(async () => {
  await worker?.close();
  await role?.close?.();
  await Promise.all([queue?.close(), deadLetter?.close(), queues?.close()]);
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await db.$disconnect();
});

/** A GA hold of 3 out of 10 whose expiresAt is now (made with a clock one TTL in the past). */
async function dueHold(enqueueWith: QueueClient) {
  const { event, ticketType } = await createFactories(db).gaEvent({ capacity: 10 });
  await db.event.update({ where: { id: event.id }, data: { holdTtlSeconds: 60 } });
  const clock = fixedClock(new Date(Date.now() - 60_000));
  const deps = { db, redis, redisPrefix: prefix, clock, queues: enqueueWith };
  const cart = await createCart(deps, null);
  const hold = await createHold(
    deps,
    { id: cart.cartId, userId: null, expiresAt: cart.expiresAt },
    { admissionToken: null },
    { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 3 }] },
  );
  const available = async () => (await getAvailability({ ...deps, clock: systemClock }, event.id)).ticketTypes[0]!.available;
  return { hold, available, eventId: event.id, ticketTypeId: ticketType.id };
}

const finished = (job: Job) =>
  eventually(
    () => job.getState(),
    (state) => state === "completed" || state === "failed",
  );

describe("booking worker: hold expiry", () => {
  it("runs the delayed expiry job createHold enqueued: the hold expires and its stock returns", async () => {
    // The service's own enqueue (job name, payload, jobId), with the delay cut from 60 s to 200 ms.
    const fastQueues: QueueClient = { add: (job, payload, options) => queues.add(job, payload, { ...options, delay: 200 }), close: async () => {} };
    const { hold, available, eventId, ticketTypeId } = await dueHold(fastQueues);
    expect(await available()).toBe(7);
    const job = (await queue.getJob(expireHoldJobId(hold.id)))!;
    expect(await finished(job)).toBe("completed");
    // The hold's stock went back on sale: no waiting list on this event, so nothing was offered.
    expect((await queue.getJob(job.id!))?.returnvalue).toEqual({ ended: true, offered: 0 });
    expect((await db.hold.findUniqueOrThrow({ where: { id: hold.id } })).status).toBe("EXPIRED");
    expect(await available()).toBe(10);
    // The expiry is announced on the event's public channel with the returned stock.
    const message = await eventually(
      async () => announced.find((m) => m.channel === `event-${eventId}`),
      (found) => found !== undefined,
    );
    expect(message).toMatchObject({ event: "availability", data: { eventId, ticketTypes: [{ ticketTypeId, available: 10 }] } });
  });

  it("a sweep job expires holds whose delayed job never ran", async () => {
    const dropping: QueueClient = { add: async () => ({ id: undefined }), close: async () => {} };
    const { hold, available } = await dueHold(dropping);
    const job = await enqueueJob(queue, bookingHoldSweep, {});
    expect(await finished(job)).toBe("completed");
    expect((await db.hold.findUniqueOrThrow({ where: { id: hold.id } })).status).toBe("EXPIRED");
    expect(await available()).toBe(10);
  });

  it("the periodic sweeper expires due holds on its own and stops cleanly", async () => {
    const dropping: QueueClient = { add: async () => ({ id: undefined }), close: async () => {} };
    const { hold, available } = await dueHold(dropping);
    const sweeper = startHoldSweeper({ db, redis, redisPrefix: prefix, clock: systemClock }, createLogger("test", "silent"), 100);
    try {
      await eventually(
        async () => (await db.hold.findUniqueOrThrow({ where: { id: hold.id } })).status,
        (status) => status === "EXPIRED",
      );
      expect(await available()).toBe(10);
    } finally {
      await sweeper.stop();
    }
  });

  it("the periodic sweeper also wakes snoozed support conversations whose time passed", async () => {
    const organization = await createFactories(db).organization();
    const conversation = await openConversation(db, organization.id);
    await db.supportConversation.update({ where: { id: conversation.id }, data: { status: "SNOOZED", snoozedUntil: new Date(Date.now() - 1000) } });
    const sweeper = startHoldSweeper({ db, redis, redisPrefix: prefix, clock: systemClock }, createLogger("test", "silent"), 100);
    try {
      await eventually(
        async () => (await db.supportConversation.findUniqueOrThrow({ where: { id: conversation.id } })).status,
        (status) => status === "OPEN",
      );
      expect(await db.supportMessage.count({ where: { conversationId: conversation.id, systemEvent: "snooze.ended" } })).toBe(1);
    } finally {
      await sweeper.stop();
    }
  });
});
