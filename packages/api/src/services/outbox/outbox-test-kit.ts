// Shared by the outbox integration tests (and the relay child process of the kill -9 test).
import { randomUUID } from "node:crypto";
import type { Db } from "@marquee/db";
import { Queue } from "bullmq";
import type { RedisClient } from "../../lib/redis-client.ts";
import { QUEUE_NAMES, queuePrefix, type TQueueName } from "../../jobs/contract.ts";
import { writeOutboxMany, type TOutboxEventInput } from "./write-outbox.ts";

/** A unique aggregateType per test: the test's relays claim only its own rows (the database is shared). */
export const testAggregateType = () => `test-${randomUUID().slice(0, 8)}`;

/** `count` committed refund.requested rows (published to the payment queue) of `aggregateType`; returns their ids. */
export async function writeRefundRequests(db: Db, aggregateType: string, count: number): Promise<bigint[]> {
  const events: TOutboxEventInput[] = Array.from({ length: count }, () => {
    const orderId = randomUUID();
    return { topic: "refund.requested", aggregateType, aggregateId: orderId, payload: { refundId: randomUUID(), orderId } };
  });
  return db.$transaction((tx) => writeOutboxMany(tx, events));
}

export interface TOutboxRow {
  id: bigint;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
  availableAt: Date;
}

export const outboxRows = (db: Db, ids: readonly bigint[]): Promise<TOutboxRow[]> =>
  db.outboxEvent.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, sentAt: true, attempts: true, lastError: true, availableAt: true },
    orderBy: { id: "asc" },
  });

/** The queues the test reads what was published from (same prefix as the relay's QueueClient). */
export function openQueues(redis: RedisClient, prefix: string): Record<TQueueName, Queue> & { closeAll(): Promise<void> } {
  const queues = Object.fromEntries(
    Object.values(QUEUE_NAMES).map((name) => [name, new Queue(name, { connection: redis, prefix: queuePrefix(prefix, name) })]),
  ) as Record<TQueueName, Queue>;
  const all = Object.values(queues);
  return Object.assign(queues, { closeAll: () => Promise.all(all.map((queue) => queue.close())).then(() => undefined) });
}

/** Ids of every job in the queue, whatever its state. */
export async function jobIds(queue: Queue): Promise<string[]> {
  const jobs = await queue.getJobs(["waiting", "active", "delayed", "completed", "failed", "prioritized"], 0, -1);
  return jobs.map((job) => job.id!).sort();
}

/** The consumer-side effect the tests count: one AuditLog row per run, tagged with the test's aggregateType. */
export const recordEffect = (tx: Pick<Db, "auditLog">, aggregateType: string, orderId: string) =>
  tx.auditLog.create({ data: { actorKind: "system", action: "test.outbox-effect", targetType: aggregateType, targetId: orderId } });

/** How many times the effect ran for each order of the test. */
export async function effectsPerOrder(db: Db, aggregateType: string): Promise<Map<string, number>> {
  const rows = await db.auditLog.groupBy({ by: ["targetId"], where: { targetType: aggregateType, action: "test.outbox-effect" }, _count: { _all: true } });
  return new Map(rows.map((row) => [row.targetId, row._count._all]));
}
