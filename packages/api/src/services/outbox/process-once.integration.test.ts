// Consumer deduplication against real PostgreSQL (and Redis for the external variant).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { effectsPerOrder, recordEffect, testAggregateType } from "./outbox-test-kit.ts";
import { processOnce, processOnceExternal } from "./process-once.ts";

const harness = useHarness();

describe("processOnce", () => {
  it("10 concurrent deliveries of one message: the effect happens once, the other 9 say duplicate", async () => {
    const aggregateType = testAggregateType();
    const orderId = randomUUID();
    const key = { consumer: `invoice-${aggregateType}`, messageId: `outbox-${randomUUID()}` };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        processOnce(harness.db, key, async (tx) => {
          await recordEffect(tx, aggregateType, orderId);
          // Widen the window in which the duplicates are in flight.
          await new Promise((resolve) => setTimeout(resolve, 50));
          return "issued";
        }),
      ),
    );
    expect(results.filter((result) => !result.duplicate)).toEqual([{ duplicate: false, result: "issued" }]);
    expect(results.filter((result) => result.duplicate)).toHaveLength(9);
    expect((await effectsPerOrder(harness.db, aggregateType)).get(orderId)).toBe(1);
    // A later delivery is a duplicate too.
    expect(await processOnce(harness.db, key, () => recordEffect(harness.db, aggregateType, orderId))).toEqual({ duplicate: true });
    expect((await effectsPerOrder(harness.db, aggregateType)).get(orderId)).toBe(1);
  });

  it("effects that throw record nothing: the redelivery runs them", async () => {
    const aggregateType = testAggregateType();
    const orderId = randomUUID();
    const key = { consumer: `invoice-${aggregateType}`, messageId: `outbox-${randomUUID()}` };
    await expect(
      processOnce(harness.db, key, async (tx) => {
        await recordEffect(tx, aggregateType, orderId);
        throw new Error("PDF renderer down");
      }),
    ).rejects.toThrow("PDF renderer down");
    expect(await harness.db.processedMessage.count({ where: key })).toBe(0);
    expect(await effectsPerOrder(harness.db, aggregateType)).toEqual(new Map());

    expect(await processOnce(harness.db, key, (tx) => recordEffect(tx, aggregateType, orderId).then(() => 1))).toEqual({ duplicate: false, result: 1 });
    expect((await effectsPerOrder(harness.db, aggregateType)).get(orderId)).toBe(1);
  });

  it("the same message id under another consumer is processed again", async () => {
    const messageId = `outbox-${randomUUID()}`;
    const first = await processOnce(harness.db, { consumer: "invoice", messageId }, async () => "a");
    const second = await processOnce(harness.db, { consumer: "notification", messageId }, async () => "b");
    expect([first, second]).toEqual([
      { duplicate: false, result: "a" },
      { duplicate: false, result: "b" },
    ]);
  });

  it("processOnceExternal: 10 concurrent deliveries run a Redis effect once", async () => {
    const counter = `${harness.redisPrefix}:outbox-test:${randomUUID()}`;
    const key = { consumer: "notification", messageId: `outbox-${randomUUID()}` };
    const results = await Promise.all(Array.from({ length: 10 }, () => processOnceExternal(harness.db, key, () => harness.redis.incr(counter))));
    expect(results.filter((result) => !result.duplicate)).toEqual([{ duplicate: false, result: 1 }]);
    expect(await harness.redis.get(counter)).toBe("1");
  });
});
