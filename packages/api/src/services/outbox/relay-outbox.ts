import { type Db } from "@marquee/db";
import { TRACE_CONTEXT_KEY } from "../../jobs/contract.ts";
import { extractTraceContext, inSpan, SpanKind } from "../../observability/tracing.ts";
import { UTC_NOW } from "./write-outbox.ts";
import { outboxMessageId, outboxTopic } from "./topics.ts";
import type { TOutboxBatchResult, TOutboxRelayDeps, TOutboxRelayOptions } from "./types.ts";

interface TClaimedRow {
  id: bigint;
  topic: string;
  payload: unknown;
  attempts: number;
}

export const OUTBOX_DEFAULTS = {
  batch: 100,
  leaseMs: 30_000,
  publishTimeoutMs: 10_000,
  concurrency: 16,
  backoff: { baseMs: 1_000, maxMs: 5 * 60_000 },
} as const;

/**
 * Claims due rows with a lease instead of an open transaction: one statement picks them with
 * FOR UPDATE SKIP LOCKED (concurrent relays take different rows) and pushes their availableAt
 * `leaseMs` ahead, then commits. No lock or connection is held while publishing; a relay that
 * dies leaves the rows to come due again when the lease runs out (at-least-once, never lost).
 */
async function claimDueRows(db: Db, batch: number, leaseMs: number, aggregateType: string | undefined): Promise<TClaimedRow[]> {
  return db.$queryRaw<TClaimedRow[]>`
    UPDATE "OutboxEvent" AS row
    SET "availableAt" = ${UTC_NOW} + ${leaseMs} * interval '1 millisecond'
    FROM (
      SELECT "id" FROM "OutboxEvent"
      WHERE "sentAt" IS NULL AND "availableAt" <= ${UTC_NOW}
        AND (${aggregateType ?? null}::text IS NULL OR "aggregateType" = ${aggregateType ?? null}::text)
      ORDER BY "availableAt", "id"
      LIMIT ${batch}
      FOR UPDATE SKIP LOCKED
    ) AS due
    WHERE row."id" = due."id"
    RETURNING row."id", row."topic", row."payload", row."attempts"`;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** publishRow in a span that continues the trace of the request or job that wrote the row. */
function publishRowTraced(deps: TOutboxRelayDeps, row: TClaimedRow): Promise<void> {
  const traceContext = row.payload && typeof row.payload === "object" ? (row.payload as Record<string, unknown>)[TRACE_CONTEXT_KEY] : undefined;
  const attributes = { "messaging.system": "marquee-outbox", "messaging.operation.type": "publish", "marquee.outbox.topic": row.topic };
  return inSpan(`publish outbox ${row.topic}`, { kind: SpanKind.PRODUCER, parent: extractTraceContext(traceContext), attributes }, () => publishRow(deps, row));
}

/** Publishes one row to every route of its topic. Throws on an unknown topic or invalid payload. */
async function publishRow(deps: TOutboxRelayDeps, row: TClaimedRow): Promise<void> {
  const definition = outboxTopic(row.topic);
  if (!definition) throw new Error(`Unknown outbox topic "${row.topic}"`);
  const payload = definition.schema.parse(row.payload);
  const messageId = outboxMessageId(row.id);
  for (const job of definition.jobs ?? []) {
    // The jobId makes a re-publish after a crash a no-op while the job still exists.
    await deps.queues.add(job, payload, { correlationId: messageId, jobId: messageId });
  }
  if (definition.realtime) {
    if (!deps.realtime) throw new Error(`No realtime publisher for outbox topic "${row.topic}"`);
    const { event, channel, data } = definition.realtime;
    const channels = channel(payload);
    if (!data) {
      await deps.realtime.trigger(channels, event, { ...payload, messageId });
    } else {
      // Each channel its own data (e.g. the buyer's ids only): one batch request, not one per channel.
      const events = (typeof channels === "string" ? [channels] : channels).map((name) => ({
        channel: name,
        event,
        data: { ...data(payload, name), messageId },
      }));
      await deps.realtime.triggerBatch(events);
    }
  }
}

async function mapWithConcurrency<T, R>(items: readonly T[], concurrency: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}

export const outboxBackoffMs = (attempt: number, backoff: { baseMs: number; maxMs: number }) =>
  Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(30, attempt - 1));

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2_000);

/**
 * One relay step: claim due unsent rows, publish each (BullMQ jobId `outbox-<id>`, Soketi), mark
 * the published ones sent, and give each failed one `attempts + 1`, `lastError` and an
 * exponentially later `availableAt`. A failure never holds back the other rows.
 */
export async function relayOutboxOnce(deps: TOutboxRelayDeps, options: TOutboxRelayOptions = {}): Promise<TOutboxBatchResult> {
  const { batch, leaseMs, publishTimeoutMs, concurrency, backoff } = { ...OUTBOX_DEFAULTS, ...options };
  const rows = await claimDueRows(deps.db, batch, leaseMs, options.aggregateType);
  if (rows.length === 0) return { claimed: 0, published: 0, failed: 0 };
  const outcomes = await mapWithConcurrency(rows, concurrency, (row) =>
    withTimeout(publishRowTraced(deps, row), publishTimeoutMs, `publish of ${outboxMessageId(row.id)}`).then(
      () => ({ row, error: undefined as unknown }),
      (error: unknown) => ({ row, error: error ?? new Error("publish failed") }),
    ),
  );
  const published = outcomes.filter((outcome) => outcome.error === undefined).map((outcome) => outcome.row.id);
  const failures = outcomes.filter((outcome) => outcome.error !== undefined);
  await options.beforeMarkSent?.(published);
  if (published.length > 0) {
    // `sentAt IS NULL`: a slower relay whose lease ran out must not overwrite the first mark.
    await deps.db.$executeRaw`UPDATE "OutboxEvent" SET "sentAt" = ${UTC_NOW} WHERE "id" = ANY(${published.map(String)}::bigint[]) AND "sentAt" IS NULL`;
  }
  for (const { row, error } of failures) {
    const delayMs = outboxBackoffMs(row.attempts + 1, backoff);
    await deps.db.$executeRaw`
      UPDATE "OutboxEvent"
      SET "attempts" = "attempts" + 1, "lastError" = ${errorText(error)}, "availableAt" = ${UTC_NOW} + ${delayMs} * interval '1 millisecond'
      WHERE "id" = ${row.id} AND "sentAt" IS NULL`;
  }
  return { claimed: rows.length, published: published.length, failed: failures.length };
}

export interface TOutboxLag {
  unsent: number;
  /** Age of the oldest unsent row (0 when none): the figure to alert on. */
  oldestUnsentMs: number;
}

/** Backlog figures for metrics: unsent rows and how long the oldest has waited. */
export async function outboxLag(db: Db): Promise<TOutboxLag> {
  const [lag] = await db.$queryRaw<{ unsent: bigint; oldest_ms: number | null }[]>`
    SELECT count(*) AS unsent, (extract(epoch FROM ${UTC_NOW} - min("createdAt")) * 1000)::float8 AS oldest_ms
    FROM "OutboxEvent" WHERE "sentAt" IS NULL`;
  return { unsent: Number(lag?.unsent ?? 0), oldestUnsentMs: Math.max(0, Math.round(lag?.oldest_ms ?? 0)) };
}
