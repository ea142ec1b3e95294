import { createHash } from "node:crypto";
import type { Db } from "@marquee/db";
import superjson from "superjson";
import type { Clock } from "../clock.ts";
import { AppError, type AppErrorCode } from "../errors.ts";

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
const MAX_KEY_LENGTH = 255;

export interface IdempotencyDeps {
  db: Db;
  clock: Clock;
}

export interface IdempotencyOptions {
  /** What the key is unique within, e.g. "hold.create:<actor>": keys of different callers never meet. */
  scope: string;
  /** The Idempotency-Key header; null or undefined runs the write without idempotency. */
  key: string | null | undefined;
  /** The (parsed) request; the same key with another request is IDEMPOTENCY_MISMATCH. */
  request: unknown;
  /** How long a duplicate waits for the first request to finish before answering 409. */
  waitMs?: number;
}

interface StoredError {
  error: { code: AppErrorCode; message: string; details?: Record<string, unknown> };
}

/** Key order does not change a request's identity. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}

export const requestHash = (request: unknown) =>
  createHash("sha256")
    .update(JSON.stringify(canonical(request ?? null)))
    .digest("hex");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a public write at most once per (scope, key), Stripe-style:
 * - the first request inserts the record (responseCode null) and runs; its result, or the
 *   AppError it ended in (4xx), is stored and replayed to every retry for 24 h;
 * - the same key with another request: 422 IDEMPOTENCY_MISMATCH, nothing runs;
 * - a duplicate while the first still runs waits up to `waitMs` (default 2 s) for the stored
 *   answer, then gets 409 CONFLICT with retryAfterSeconds 1;
 * - an unexpected error (5xx) deletes the record, so a retry runs the write again.
 */
export async function withIdempotency<T>(deps: IdempotencyDeps, options: IdempotencyOptions, run: () => Promise<T>): Promise<T> {
  if (options.key === null || options.key === undefined) return run();
  if (options.key.length === 0 || options.key.length > MAX_KEY_LENGTH)
    throw new AppError("VALIDATION_ERROR", `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters.`);
  const where = { scope_key: { scope: options.scope, key: options.key } };
  const hash = requestHash(options.request);
  const now = deps.clock.now();

  await deps.db.idempotencyRecord.deleteMany({ where: { scope: options.scope, key: options.key, expiresAt: { lte: now } } });
  const { count } = await deps.db.idempotencyRecord.createMany({
    data: [{ scope: options.scope, key: options.key, requestHash: hash, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) }],
    skipDuplicates: true,
  });
  if (count === 1) return runAndStore(deps, where, run);

  const deadline = Date.now() + (options.waitMs ?? 2_000);
  for (let delay = 20; ; delay = Math.min(delay * 2, 200)) {
    const record = await deps.db.idempotencyRecord.findUnique({ where });
    if (!record) return withIdempotency(deps, options, run); // the first attempt failed and let go
    if (record.requestHash !== hash) throw new AppError("IDEMPOTENCY_MISMATCH", "This Idempotency-Key was used with a different request.");
    if (record.responseCode !== null) return replay<T>(record.responseCode, record.responseBody);
    if (Date.now() >= deadline) throw new AppError("CONFLICT", "A request with this Idempotency-Key is still being processed.", { retryAfterSeconds: 1 });
    await sleep(delay);
  }
}

async function runAndStore<T>(deps: IdempotencyDeps, where: { scope_key: { scope: string; key: string } }, run: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await run();
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      const body: StoredError = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
      await deps.db.idempotencyRecord.update({ where, data: { responseCode: error.status, responseBody: body as object } });
    } else {
      await deps.db.idempotencyRecord.delete({ where }).catch(() => undefined);
    }
    throw error;
  }
  // Stored as one superjson string: jsonb would reorder keys, and a replay should be the same bytes.
  await deps.db.idempotencyRecord.update({ where, data: { responseCode: 200, responseBody: { superjson: superjson.stringify(result) } } });
  return result;
}

function replay<T>(responseCode: number, body: unknown): T {
  if (responseCode >= 400) {
    const { error } = body as StoredError;
    throw new AppError(error.code, error.message, error.details);
  }
  return superjson.parse<T>((body as { superjson: string }).superjson);
}
