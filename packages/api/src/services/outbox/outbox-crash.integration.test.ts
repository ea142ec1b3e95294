// Crashes at the worst moment: after the relay published and before it marked the rows sent.
import { randomUUID } from "node:crypto";
import { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "@marquee/db/testing";
import { useHarness } from "../../testing/harness.ts";
import { listenForOutboxEvents } from "./outbox-listener.ts";
import { effectsPerOrder, jobIds, openQueues, outboxRows, recordEffect, testAggregateType, writeRefundRequests } from "./outbox-test-kit.ts";
import { processOnce } from "./process-once.ts";
import { relayOutboxOnce } from "./relay-outbox.ts";
import { startOutboxRelay } from "./start-outbox-relay.ts";
import { QUEUE_NAMES, queuePrefix } from "../../jobs/contract.ts";
import { duplicateClient } from "../../lib/redis-client.ts";
import { outboxMessageId } from "./topics.ts";
import { writeOutbox } from "./write-outbox.ts";

const harness = useHarness();
let queues: ReturnType<typeof openQueues>;
beforeAll(() => {
  queues = openQueues(harness.redis, harness.redisPrefix);
});
afterAll(() => queues.closeAll());

const relayDeps = () => ({ db: harness.db, queues: harness.queues, realtime: null });
const until = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** The payment worker's consumer: a PostgreSQL effect per refund.requested, deduped by job id. */
const refundConsumer = (aggregateType: string) => (job: { id?: string; data: unknown }) =>
  processOnce(harness.db, { consumer: "payment.refund-requested", messageId: job.id! }, async (tx) => {
    await recordEffect(tx, aggregateType, (job.data as { orderId: string }).orderId);
    return "refunded";
  });

describe("outbox relay crash between publish and mark-sent", () => {
  it("the next relay re-publishes after the lease; BullMQ dedupes the jobId and processOnce the effect", async () => {
    const aggregateType = testAggregateType();
    const ids = await writeRefundRequests(harness.db, aggregateType, 5);
    const crash = () => {
      throw new Error("SIGKILL here");
    };
    const leaseMs = 1_500;
    const crashedAt = Date.now();
    await expect(relayOutboxOnce(relayDeps(), { aggregateType, leaseMs, beforeMarkSent: crash })).rejects.toThrow("SIGKILL here");
    // Within the lease no other relay takes the rows.
    expect((await relayOutboxOnce(relayDeps(), { aggregateType })).claimed).toBe(0);
    // Published, but not marked: the rows are leased, not lost.
    expect((await outboxRows(harness.db, ids)).every((row) => row.sentAt === null && row.attempts === 0)).toBe(true);
    const paymentQueue = queues[QUEUE_NAMES.payment];
    const expected = ids.map(outboxMessageId).sort();
    expect((await jobIds(paymentQueue)).filter((id) => expected.includes(id))).toEqual(expected);

    // The consumer runs the published jobs.
    const consume = refundConsumer(aggregateType);
    const worker = new Worker(QUEUE_NAMES.payment, consume, {
      connection: duplicateClient(harness.redis),
      prefix: queuePrefix(harness.redisPrefix, QUEUE_NAMES.payment),
    });
    try {
      await until(async () => [...(await effectsPerOrder(harness.db, aggregateType)).values()].length === 5);
      // Once the lease has run out (by PostgreSQL's clock, so poll rather than sleep a fixed time
      // on a loaded machine), the next relay takes the rows again.
      let second = { claimed: 0, published: 0, failed: 0 };
      await until(async () => {
        second = await relayOutboxOnce(relayDeps(), { aggregateType });
        return second.claimed > 0;
      });
      expect(Date.now() - crashedAt).toBeGreaterThanOrEqual(leaseMs - 100);
      expect(second).toEqual({ claimed: 5, published: 5, failed: 0 });
      expect((await outboxRows(harness.db, ids)).every((row) => row.sentAt !== null)).toBe(true);
      // The re-publish added no job: same ids, each still once, none waiting.
      expect((await jobIds(paymentQueue)).filter((id) => expected.includes(id))).toEqual(expected);
      expect(await paymentQueue.getWaitingCount()).toBe(0);
      // Past BullMQ's dedupe window (job removed), a redelivery reaches the consumer: processOnce skips it.
      const [firstId] = expected;
      const job = await paymentQueue.getJob(firstId!);
      expect(await consume({ id: job!.id, data: job!.data })).toEqual({ duplicate: true });
    } finally {
      await worker.close();
    }
    const effects = await effectsPerOrder(harness.db, aggregateType);
    expect([...effects.values()]).toEqual([1, 1, 1, 1, 1]);
  });
});

describe("startOutboxRelay", () => {
  it("is woken by NOTIFY on commit (long poll interval), and stop() waits for the batch in flight", async () => {
    const aggregateType = testAggregateType();
    let slow = false;
    let slowBatchStarted = false;
    const relay = startOutboxRelay(relayDeps(), {
      aggregateType,
      everyMs: 60_000,
      wake: listenForOutboxEvents(testDatabaseUrl()),
      beforeMarkSent: async () => {
        if (!slow) return;
        slowBatchStarted = true;
        await new Promise((resolve) => setTimeout(resolve, 500));
      },
    });
    let second: bigint;
    try {
      // Let the listener connect (its first wake runs an empty batch).
      await new Promise((resolve) => setTimeout(resolve, 500));
      const [id] = await writeRefundRequests(harness.db, aggregateType, 1);
      await until(async () => (await outboxRows(harness.db, [id!]))[0]!.sentAt !== null, 5_000);
      expect(relay.stats().published).toBe(1);

      slow = true;
      const orderId = randomUUID();
      second = await harness.db.$transaction((tx) =>
        writeOutbox(tx, { topic: "refund.requested", aggregateType, aggregateId: orderId, payload: { refundId: randomUUID(), orderId } }),
      );
      await until(async () => slowBatchStarted, 5_000);
    } finally {
      await relay.stop();
    }
    // stop() returned only after the batch in flight marked its row.
    expect((await outboxRows(harness.db, [second]))[0]!.sentAt).not.toBeNull();
    expect(relay.stats().published).toBe(2);
  });
});
