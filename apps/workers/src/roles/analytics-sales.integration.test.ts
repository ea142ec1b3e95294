import { analyticsOrderPaid, bookingWaitingListOrderPaid, paymentOrderPaid, QUEUE_NAMES, webhookOrderPaid } from "@marquee/api/jobs";
import { makePaidOrder, recordingRealtime } from "@marquee/api/services/dashboard/dashboard-test-kit";
import { outboxMessageId, outboxTopic } from "@marquee/api/services/outbox/topics";
import { writeOutbox } from "@marquee/api/services/outbox/write-outbox";
import { createDb, type Db } from "@marquee/db";
import { createFactories, testDatabaseUrl } from "@marquee/db/testing";
import { type Queue } from "bullmq";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniquePrefix } from "../../test/testing/processes.ts";
import { connectTestRedis, deleteKeysWithPrefix } from "../../test/testing/redis-keys.ts";
import { createLogger } from "../runtime/logger.ts";
import { createAnalyticsRole } from "./analytics.ts";

let db: Db;
let redis: RedisClient;
const prefix = uniquePrefix("analytics-sales");
beforeAll(() => {
  db = createDb(testDatabaseUrl(), { max: 2 });
  redis = connectTestRedis();
});
afterAll(async () => {
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await db.$disconnect();
});

describe("the analytics role's sales jobs", () => {
  it("routes order.paid from the outbox to the analytics queue, applies it once however often it runs, and tells the organisation's console", async () => {
    // The payment worker takes it too (a box-office sale's tickets, invoice and e-mail).
    expect(outboxTopic("order.paid")?.jobs).toEqual([analyticsOrderPaid, paymentOrderPaid, webhookOrderPaid, bookingWaitingListOrderPaid]);
    const make = createFactories(db);
    const { event, ticketType } = await make.gaEvent();
    const { order } = await makePaidOrder(db, event, new Date(), [{ ticketTypeId: ticketType.id, quantity: 3, unitPriceMinor: 2500 }]);
    await db.$transaction((tx) => writeOutbox(tx, { topic: "order.paid", aggregateType: "order", aggregateId: order.id, payload: { orderId: order.id } }));
    const row = await db.outboxEvent.findFirstOrThrow({ where: { topic: "order.paid", aggregateId: order.id } });

    const realtime = recordingRealtime();
    const role = createAnalyticsRole({
      role: "analytics",
      logger: createLogger("analytics", "silent"),
      redis,
      prefix,
      queue: { name: QUEUE_NAMES.analytics } as Queue,
      databaseUrl: testDatabaseUrl(),
      realtime,
    });
    // The job as the relay adds it: name = topic, data = payload + correlationId outbox-<id>.
    const job = {
      name: "order.paid",
      id: outboxMessageId(row.id),
      queueName: QUEUE_NAMES.analytics,
      timestamp: Date.now(),
      data: { ...(row.payload as object), correlationId: outboxMessageId(row.id) },
    };
    await role.jobs.run(job);
    await role.jobs.run({ ...job, timestamp: job.timestamp + 1 });
    await role.close?.();

    const minutes = await db.salesMinute.findMany({ where: { eventId: event.id } });
    expect(minutes.map((m) => [m.ticketsSold, Number(m.revenueMinor), m.ordersPaid])).toEqual([[3, 7500, 1]]);
    expect(realtime.sent).toEqual([
      { channel: `private-org-${event.organizationId}`, event: "dashboard.changed", data: { organizationId: event.organizationId, eventIds: [event.id] } },
    ]);
  });
});
