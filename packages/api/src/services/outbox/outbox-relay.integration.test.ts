// The relay against real PostgreSQL and Redis: what it publishes to BullMQ, when it marks rows
// sent, and how it fails. Each test claims only its own rows (unique aggregateType).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RealtimePublisher } from "../../realtime/publisher.ts";
import { useHarness } from "../../testing/harness.ts";
import { jobIds, openQueues, outboxRows, testAggregateType, writeRefundRequests } from "./outbox-test-kit.ts";
import { outboxLag, relayOutboxOnce } from "./relay-outbox.ts";
import { QUEUE_NAMES } from "../../jobs/contract.ts";
import { outboxMessageId } from "./topics.ts";
import { writeOutbox } from "./write-outbox.ts";

const harness = useHarness();
let queues: ReturnType<typeof openQueues>;
beforeAll(() => {
  queues = openQueues(harness.redis, harness.redisPrefix);
});
afterAll(() => queues.closeAll());

const relayDeps = (realtime: RealtimePublisher | null = null) => ({ db: harness.db, queues: harness.queues, realtime });

describe("outbox relay", () => {
  it("publishes a committed row once, to its route, and marks it sent", async () => {
    const aggregateType = testAggregateType();
    const [id] = await writeRefundRequests(harness.db, aggregateType, 1);
    const messageId = outboxMessageId(id!);

    expect(await relayOutboxOnce(relayDeps(), { aggregateType })).toEqual({ claimed: 1, published: 1, failed: 0 });
    const [row] = await outboxRows(harness.db, [id!]);
    expect(row!.sentAt).not.toBeNull();
    const job = await queues[QUEUE_NAMES.payment].getJob(messageId);
    expect(job?.name).toBe("refund.requested");
    expect(job?.data).toMatchObject({ correlationId: messageId });
    // The job's own options (the saga's 10 attempts) come with it.
    expect(job?.opts.attempts).toBe(10);
    // Sent rows are not published again.
    expect(await relayOutboxOnce(relayDeps(), { aggregateType })).toEqual({ claimed: 0, published: 0, failed: 0 });
    expect(await jobIds(queues[QUEUE_NAMES.payment])).toContain(messageId);
  });

  it("never publishes a row whose transaction rolled back", async () => {
    const aggregateType = testAggregateType();
    const orderId = randomUUID();
    await expect(
      harness.db.$transaction(async (tx) => {
        await writeOutbox(tx, { topic: "refund.requested", aggregateType, aggregateId: orderId, payload: { refundId: randomUUID(), orderId } });
        throw new Error("business rule failed after the outbox write");
      }),
    ).rejects.toThrow("business rule failed");

    expect(await harness.db.outboxEvent.count({ where: { aggregateType } })).toBe(0);
    expect(await relayOutboxOnce(relayDeps(), { aggregateType })).toEqual({ claimed: 0, published: 0, failed: 0 });
    const published = await queues[QUEUE_NAMES.payment].getJobs(["waiting", "completed", "failed", "delayed", "active"], 0, -1);
    expect(published.filter((job) => (job.data as { orderId?: string }).orderId === orderId)).toEqual([]);
  });

  it("refuses an invalid payload at write time, failing the business transaction", async () => {
    await expect(
      harness.db.$transaction((tx) =>
        writeOutbox(tx, {
          topic: "refund.requested",
          aggregateType: testAggregateType(),
          aggregateId: "x",
          payload: { refundId: randomUUID(), orderId: "not-a-uuid" },
        }),
      ),
    ).rejects.toThrow(/Invalid payload for outbox topic refund\.requested/);
  });

  it("two relays on 200 rows publish each exactly once (SKIP LOCKED)", async () => {
    const aggregateType = testAggregateType();
    const ids = await writeRefundRequests(harness.db, aggregateType, 200);
    const claimedBy = [new Set<bigint>(), new Set<bigint>()];
    const run = async (relay: 0 | 1) => {
      let published = 0;
      for (;;) {
        const result = await relayOutboxOnce(relayDeps(), {
          aggregateType,
          batch: 20,
          beforeMarkSent: (batchIds) => batchIds.forEach((id) => claimedBy[relay]!.add(id)),
        });
        published += result.published;
        if (result.claimed === 0) return published;
      }
    };
    const [first, second] = await Promise.all([run(0), run(1)]);

    expect(first + second).toBe(200);
    // Both relays did work, and no row went through both.
    expect(claimedBy[0]!.size).toBeGreaterThan(0);
    expect(claimedBy[1]!.size).toBeGreaterThan(0);
    expect([...claimedBy[0]!].filter((id) => claimedBy[1]!.has(id))).toEqual([]);
    expect((await outboxRows(harness.db, ids)).every((row) => row.sentAt !== null)).toBe(true);
    const expected = ids.map(outboxMessageId);
    const paymentJobs = (await jobIds(queues[QUEUE_NAMES.payment])).filter((id) => expected.includes(id));
    expect(paymentJobs).toHaveLength(200);
    expect(new Set(paymentJobs).size).toBe(200);
  });

  it("backs off a row whose publish fails, keeps publishing the others, and retries it later", async () => {
    const aggregateType = testAggregateType();
    const orderId = randomUUID();
    const realtimeId = await harness.db.$transaction((tx) =>
      writeOutbox(tx, { topic: "order.status", aggregateType, aggregateId: orderId, payload: { orderId, status: "PAID" } }),
    );
    const queueIds = await writeRefundRequests(harness.db, aggregateType, 3);
    let soketiUp = false;
    const triggered: { channel: string; event: string; data: unknown }[] = [];
    const flakySoketi: RealtimePublisher = {
      trigger: async (channel, event, data) => {
        if (!soketiUp) throw new Error("soketi unreachable");
        triggered.push({ channel: String(channel), event, data });
      },
      triggerBatch: async () => {},
      authorizeChannel: () => ({ auth: "" }),
    };
    // A backoff long enough that a loaded machine cannot reach the "not due" check after it.
    const options = { aggregateType, backoff: { baseMs: 3_000, maxMs: 10_000 } };

    const failedAt = Date.now();
    expect(await relayOutboxOnce(relayDeps(flakySoketi), options)).toEqual({ claimed: 4, published: 3, failed: 1 });
    const [failed] = await outboxRows(harness.db, [realtimeId]);
    expect(failed).toMatchObject({ sentAt: null, attempts: 1, lastError: expect.stringContaining("soketi unreachable") });
    expect((await outboxRows(harness.db, queueIds)).every((row) => row.sentAt !== null)).toBe(true);
    // Not due during the backoff, even with Soketi back.
    soketiUp = true;
    expect((await relayOutboxOnce(relayDeps(flakySoketi), options)).claimed).toBe(0);
    expect((await outboxLag(harness.db)).unsent).toBeGreaterThanOrEqual(1);

    // Due again once the backoff has run out (polled: PostgreSQL's clock decides).
    let retried = { claimed: 0, published: 0, failed: 0 };
    for (const deadline = Date.now() + 15_000; retried.claimed === 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      retried = await relayOutboxOnce(relayDeps(flakySoketi), options);
    }
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(2_500);
    expect(retried).toEqual({ claimed: 1, published: 1, failed: 0 });
    expect(triggered).toEqual([
      { channel: `private-order-${orderId}`, event: "order.status", data: { orderId, status: "PAID", messageId: outboxMessageId(realtimeId) } },
    ]);
    const [sent] = await outboxRows(harness.db, [realtimeId]);
    expect(sent!.sentAt).not.toBeNull();
    expect(sent!.attempts).toBe(1);
  });

  it("backs off exponentially: the second failure waits twice as long", async () => {
    const aggregateType = testAggregateType();
    const orderId = randomUUID();
    const id = await harness.db.$transaction((tx) =>
      writeOutbox(tx, { topic: "order.status", aggregateType, aggregateId: orderId, payload: { orderId, status: "PAID" } }),
    );
    const options = { aggregateType, backoff: { baseMs: 10_000, maxMs: 60_000 } };
    const down = relayDeps(null); // no publisher: the realtime route fails
    await relayOutboxOnce(down, options);
    const first = (await outboxRows(harness.db, [id]))[0]!;
    await harness.db.outboxEvent.update({ where: { id }, data: { availableAt: new Date(Date.now() - 1_000) } });
    await relayOutboxOnce(down, options);
    const second = (await outboxRows(harness.db, [id]))[0]!;
    expect(second.attempts).toBe(2);
    const now = Date.now();
    expect(first.availableAt.getTime() - now).toBeLessThanOrEqual(10_000);
    expect(second.availableAt.getTime() - now).toBeGreaterThan(15_000);
    expect(second.availableAt.getTime() - now).toBeLessThanOrEqual(20_000);
  });

  it("a publish that hangs (Redis unreachable) times out as a failure", async () => {
    const aggregateType = testAggregateType();
    const [id] = await writeRefundRequests(harness.db, aggregateType, 1);
    const hanging = { add: () => new Promise<never>(() => {}), close: async () => {} };
    const result = await relayOutboxOnce({ db: harness.db, queues: hanging }, { aggregateType, publishTimeoutMs: 200 });
    expect(result).toEqual({ claimed: 1, published: 0, failed: 1 });
    expect((await outboxRows(harness.db, [id!]))[0]).toMatchObject({ sentAt: null, attempts: 1, lastError: expect.stringContaining("timed out") });
  });
});
