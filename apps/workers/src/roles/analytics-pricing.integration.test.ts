// The analytics worker's demand pricing: a paid order (outbox order.paid, as the relay adds it)
// makes the worker enqueue one pricing.recompute for the order's demand-priced type, which a real
// BullMQ Worker runs against real PostgreSQL: the burst raises the price one step.
import { analyticsOrderPaid, createQueueClient, DEAD_LETTER_QUEUE, pricingRecomputeJobId, QUEUE_NAMES, type QueueClient } from "@marquee/api/jobs";
import { makePaidOrder, recordingRealtime } from "@marquee/api/services/dashboard/dashboard-test-kit";
import { createDb, type Db } from "@marquee/db";
import { createFactories, testDatabaseUrl } from "@marquee/db/testing";
import { type Queue, type Worker } from "bullmq";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, uniquePrefix } from "../../test/testing/processes.ts";
import { connectTestRedis, deleteKeysWithPrefix } from "../../test/testing/redis-keys.ts";
import { createQueue } from "../jobs/queues.ts";
import { createJobWorker } from "../jobs/worker.ts";
import { createLogger } from "../runtime/logger.ts";
import { createMetrics } from "../runtime/metrics.ts";
import { createAnalyticsRole } from "./analytics.ts";
import { type TRoleModule } from "./types.ts";

let db: Db;
let redis: RedisClient;
const prefix = uniquePrefix("analytics-pricing");
let queue: Queue;
let deadLetter: Queue;
let queues: QueueClient;
let role: TRoleModule;
let worker: Worker;

beforeAll(async () => {
  db = createDb(testDatabaseUrl(), { max: 2 });
  redis = connectTestRedis();
  queue = createQueue(QUEUE_NAMES.analytics, redis, prefix);
  deadLetter = createQueue(DEAD_LETTER_QUEUE, redis, prefix);
  queues = createQueueClient(redis, prefix);
  const logger = createLogger("test", "silent");
  role = createAnalyticsRole({ role: "analytics", logger, redis, prefix, queue, databaseUrl: testDatabaseUrl(), realtime: recordingRealtime() });
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

describe("the analytics worker's demand pricing", () => {
  it("recomputes a demand-priced type after a burst of paid orders: one job per type and bucket, one step up", async () => {
    const make = createFactories(db);
    const { event, ticketType } = await make.gaEvent({ capacity: 1000 });
    await db.demandPricing.create({
      data: {
        ticketTypeId: ticketType.id,
        eventId: event.id,
        enabled: true,
        floorMinor: 2000,
        ceilingMinor: 4000,
        stepMinor: 500,
        windowMinutes: 5,
        raiseAtPerMinute: 2,
      },
    });
    // The START price was set ten minutes ago (past the minimum interval).
    await db.priceVersion.create({
      data: {
        ticketTypeId: ticketType.id,
        eventId: event.id,
        version: 1,
        priceMinor: 2500,
        currency: "EUR",
        reason: "START",
        inputs: {},
        createdAt: new Date(Date.now() - 600_000),
      },
    });
    const orders = [];
    for (let i = 0; i < 5; i++)
      orders.push((await makePaidOrder(db, event, new Date(), [{ ticketTypeId: ticketType.id, quantity: 3, unitPriceMinor: 2500 }])).order);
    // The relay's order.paid jobs, all at once (a burst).
    await Promise.all(orders.map((order) => queues.add(analyticsOrderPaid, { orderId: order.id }, { jobId: `outbox-test-${order.id}` })));

    const versions = await eventually(
      () => db.priceVersion.findMany({ where: { ticketTypeId: ticketType.id }, orderBy: { version: "asc" } }),
      (found) => found.length >= 2,
    );
    expect(versions.map((v) => [v.version, v.priceMinor, v.reason])).toEqual([
      [1, 2500, "START"],
      [2, 3000, "VELOCITY"],
    ]);
    // The burst shared recompute jobs by jobId (one per type and 5-second bucket).
    const recomputes = (await queue.getJobs(["completed", "active", "waiting"])).filter((job) => job.name === "pricing.recompute");
    expect(recomputes.length).toBeGreaterThanOrEqual(1);
    expect(recomputes.length).toBeLessThanOrEqual(2);
    expect(recomputes[0]!.id).toMatch(new RegExp(`^${pricingRecomputeJobId(ticketType.id, new Date()).replace(/-\d+$/, "")}-\\d+$`));
    expect(await db.auditLog.count({ where: { targetId: ticketType.id, action: "pricing.change", actorKind: "system" } })).toBe(1);
  });
});
