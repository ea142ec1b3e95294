import { Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { TRACE_CONTEXT_KEY } from "../../jobs/contract.ts";
import { injectTraceContext } from "../../observability/tracing.ts";
import { outboxTopic, type TOutboxPayload, type TOutboxTopic } from "./topics.ts";

/** Timestamps are UTC without time zone (as Prisma writes them), whatever the session's TimeZone. */
export const UTC_NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** The LISTEN/NOTIFY channel that wakes the relays; NOTIFY is delivered only when the writer commits. */
export const OUTBOX_NOTIFY_CHANNEL = "marquee_outbox";

export type TOutboxEventInput<TTopic extends TOutboxTopic = TOutboxTopic> = {
  [K in TTopic]: { topic: K; aggregateType: string; aggregateId: string; payload: TOutboxPayload<K> };
}[TTopic];

/** A Prisma interactive transaction (a plain client works too, but then nothing is atomic). */
export type TOutboxTx = Prisma.TransactionClient;

function validated(event: TOutboxEventInput): { topic: string; aggregateType: string; aggregateId: string; payload: string } {
  const definition = outboxTopic(event.topic);
  if (!definition) throw new AppError("INTERNAL", `Unknown outbox topic "${event.topic}"`);
  const parsed = definition.schema.safeParse(event.payload);
  if (!parsed.success) throw new AppError("INTERNAL", `Invalid payload for outbox topic ${event.topic}: ${parsed.error.message}`);
  // The writer's trace context rides in the payload (the relay publishes under it; topic schemas strip it).
  const traceContext = injectTraceContext();
  const payload = traceContext ? { ...(parsed.data as object), [TRACE_CONTEXT_KEY]: traceContext } : parsed.data;
  return { topic: event.topic, aggregateType: event.aggregateType, aggregateId: event.aggregateId, payload: JSON.stringify(payload) };
}

/**
 * Writes events to the outbox inside the caller's transaction, in one statement that also sends
 * `NOTIFY marquee_outbox` (delivered on commit, dropped on rollback). Payloads are validated
 * against the topic registry first, so a bad event fails the business transaction, not the relay.
 * Returns the rows' ids in input order.
 */
export async function writeOutboxMany(tx: TOutboxTx, events: readonly TOutboxEventInput[]): Promise<bigint[]> {
  if (events.length === 0) return [];
  const rows = events.map(validated);
  const inserted = await tx.$queryRaw<{ id: bigint }[]>`
    WITH inserted AS (
      INSERT INTO "OutboxEvent" ("topic", "aggregateType", "aggregateId", "payload", "createdAt", "availableAt")
      SELECT topic, aggregate_type, aggregate_id, payload::jsonb, ${UTC_NOW}, ${UTC_NOW}
      FROM unnest(${rows.map((row) => row.topic)}::text[], ${rows.map((row) => row.aggregateType)}::text[],
                  ${rows.map((row) => row.aggregateId)}::text[], ${rows.map((row) => row.payload)}::text[])
           WITH ORDINALITY AS input(topic, aggregate_type, aggregate_id, payload, position)
      ORDER BY position
      RETURNING "id"
    ), notified AS (SELECT pg_notify(${OUTBOX_NOTIFY_CHANNEL}, '') AS done)
    SELECT inserted."id" FROM inserted CROSS JOIN notified ORDER BY inserted."id"`;
  return inserted.map((row) => row.id);
}

/** One event; see writeOutboxMany. */
export async function writeOutbox<TTopic extends TOutboxTopic>(tx: TOutboxTx, event: TOutboxEventInput<TTopic>): Promise<bigint> {
  const [id] = await writeOutboxMany(tx, [event as TOutboxEventInput]);
  return id!;
}
