import type { Db, Prisma } from "@marquee/db";

/** Who handled which message: e.g. { consumer: "payment.refund-requested", messageId: job.id } (`outbox-<id>`). */
export interface TMessageKey {
  consumer: string;
  messageId: string;
}

export type TProcessOnceResult<T> = { duplicate: false; result: T } | { duplicate: true };

export interface TProcessOnceOptions {
  /** Longest the transaction (effects included) may run; default 15 s. */
  timeoutMs?: number;
  /** Longest to wait for a pooled connection; default 10 s (duplicates queue up behind the first). */
  maxWaitMs?: number;
}

/**
 * Inserts the ProcessedMessage row first: a concurrent duplicate blocks on its primary key until
 * this transaction ends, then finds it (already processed) or, after a rollback, takes over.
 */
async function claimMessage(tx: Prisma.TransactionClient, key: TMessageKey): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO "ProcessedMessage" ("consumer", "messageId", "processedAt")
    VALUES (${key.consumer}, ${key.messageId}, (now() AT TIME ZONE 'UTC'))
    ON CONFLICT ("consumer", "messageId") DO NOTHING`;
  return inserted === 1;
}

/**
 * Runs `effects` for a message at most once per consumer: the effects (PostgreSQL writes through
 * `tx`) and the ProcessedMessage row commit together or not at all. A second delivery does nothing
 * and answers `{ duplicate: true }`; if the effects throw, nothing is recorded and a redelivery
 * runs them again.
 */
export async function processOnce<T>(
  db: Db,
  key: TMessageKey,
  effects: (tx: Prisma.TransactionClient) => Promise<T>,
  options: TProcessOnceOptions = {},
): Promise<TProcessOnceResult<T>> {
  return db.$transaction(
    async (tx): Promise<TProcessOnceResult<T>> => {
      if (!(await claimMessage(tx, key))) return { duplicate: true };
      return { duplicate: false, result: await effects(tx) };
    },
    { timeout: options.timeoutMs ?? 15_000, maxWait: options.maxWaitMs ?? 10_000 },
  );
}

/**
 * For an effect outside PostgreSQL (Redis, an e-mail API, Stripe): the message row is claimed and
 * held (its transaction stays open) while `effect` runs, and committed after it, so concurrent
 * duplicates wait and then skip. A crash (or a failed commit) after the effect and before the
 * commit leaves no row, and the redelivery runs the effect again: the effect itself MUST be
 * idempotent (an idempotency key derived from the message id, SET NX, an upsert).
 */
export async function processOnceExternal<T>(
  db: Db,
  key: TMessageKey,
  effect: () => Promise<T>,
  options: TProcessOnceOptions = {},
): Promise<TProcessOnceResult<T>> {
  return processOnce(db, key, () => effect(), options);
}
