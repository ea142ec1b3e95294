import { randomUUID } from "node:crypto";
import type { RedisClient } from "./redis-client.ts";
import { redisScript } from "./redis-scripts.ts";

// Delete the lock only if it still holds our token: after its TTL ran out another process may own it.
const releaseLock = redisScript<number>(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

export type TRedisLockOutcome<T> = { acquired: true; value: T } | { acquired: false };

export interface TRedisLockOptions {
  /** How long to keep trying for a lock someone else holds (default 0: one try). */
  waitMs?: number;
  /** Pause between tries while waiting (default 25 ms). */
  retryEveryMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One SET NX PX with a fresh token: the token on success, else null. */
async function tryAcquire(redis: RedisClient, key: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  return (await redis.set(key, token, "PX", ttlMs, "NX")) ? token : null;
}

/**
 * Runs `fn` while holding the Redis lock `key` (single instance: SET NX PX with a random token,
 * released by a compare-and-delete script, so a holder whose TTL ran out never frees the next
 * owner's lock). `ttlMs` must exceed the work: the lock is not extended. Answers
 * `{ acquired: false }` when someone else held it for `waitMs`; errors of `fn` are thrown after the
 * release.
 */
export async function withRedisLock<T>(
  redis: RedisClient,
  key: string,
  ttlMs: number,
  fn: () => Promise<T>,
  options: TRedisLockOptions = {},
): Promise<TRedisLockOutcome<T>> {
  const { waitMs = 0, retryEveryMs = 25 } = options;
  const deadline = Date.now() + waitMs;
  let token = await tryAcquire(redis, key, ttlMs);
  while (!token && Date.now() < deadline) {
    await sleep(Math.min(retryEveryMs, Math.max(1, deadline - Date.now())));
    token = await tryAcquire(redis, key, ttlMs);
  }
  if (!token) return { acquired: false };
  try {
    return { acquired: true, value: await fn() };
  } finally {
    await releaseLock(redis, [key], [token]);
  }
}

export interface TRebuildUnderLockOptions {
  /** Exists once the data is in Redis; its absence means "rebuild". */
  readyKey: string;
  lockKey: string;
  /** The lock's TTL: longer than a rebuild can take. */
  ttlMs: number;
  /** How long a process that did not get the lock waits for the ready marker. */
  waitMs: number;
  retryEveryMs?: number;
}

/**
 * Rebuilds data in Redis from its source of truth when `readyKey` is missing (first use, Redis
 * flushed or restarted): one process rebuilds under the lock (`rebuild` must set `readyKey`), the
 * others wait for the marker. Answers "ready" (nothing to do, or someone else rebuilt), "rebuilt",
 * or "busy" when the marker did not appear within `waitMs`.
 */
export async function rebuildUnderLock(
  redis: RedisClient,
  options: TRebuildUnderLockOptions,
  rebuild: () => Promise<void>,
): Promise<"ready" | "rebuilt" | "busy"> {
  const { readyKey, lockKey, ttlMs, waitMs, retryEveryMs = 25 } = options;
  const deadline = Date.now() + waitMs;
  while (!(await redis.exists(readyKey))) {
    if ((await withRedisLock(redis, lockKey, ttlMs, rebuild)).acquired) return "rebuilt";
    if (Date.now() > deadline) return "busy";
    await sleep(retryEveryMs);
  }
  return "ready";
}

/**
 * Claims the window `key` for `ttlMs` (SET NX PX): true for the first caller across all processes,
 * false for the others until it runs out. Never released: for "at most once per period" work
 * (sweeps, ticks, announcements), not for mutual exclusion; use withRedisLock for that.
 */
export async function claimRedisWindow(redis: RedisClient, key: string, ttlMs: number, value = "1"): Promise<boolean> {
  return (await redis.set(key, value, "PX", ttlMs, "NX")) === "OK";
}
