import { type Metadata, status as Status } from "@grpc/grpc-js";
import { redisScript } from "@marquee/api/lib/redis-scripts";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { randomUUID } from "node:crypto";
import { GrpcError } from "../grpc-server.ts";
import { IDEMPOTENCY_KEY_METADATA, isValidIdempotencyKey, MAX_IDEMPOTENCY_KEY_LENGTH } from "./idempotency-key.ts";

/** The call's `x-idempotency-key`: undefined when absent, INVALID_ARGUMENT when malformed. */
export function readIdempotencyKey(metadata: Metadata): string | undefined {
  const [value] = metadata.get(IDEMPOTENCY_KEY_METADATA);
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !isValidIdempotencyKey(value)) {
    throw new GrpcError(Status.INVALID_ARGUMENT, `${IDEMPOTENCY_KEY_METADATA}: 1-${MAX_IDEMPOTENCY_KEY_LENGTH} printable characters`);
  }
  return value;
}

/**
 * The key a handler dedupes by: the metadata key, else `fromRequest` (a key the message itself
 * carries, e.g. RecordRequest.correlation_id, for callers that predate the metadata). Neither, or
 * two different keys, is INVALID_ARGUMENT.
 */
export function idempotencyKeyOf(call: { metadata: Metadata }, fromRequest?: string): string {
  const fromMetadata = readIdempotencyKey(call.metadata);
  const request = fromRequest === "" ? undefined : fromRequest;
  if (fromMetadata !== undefined && request !== undefined && fromMetadata !== request) {
    throw new GrpcError(Status.INVALID_ARGUMENT, `${IDEMPOTENCY_KEY_METADATA} does not match the key in the request`);
  }
  const key = fromMetadata ?? request;
  if (key === undefined) throw new GrpcError(Status.INVALID_ARGUMENT, `${IDEMPOTENCY_KEY_METADATA} is required`);
  return key;
}

// Finish or release a reservation only if it is still ours (the lease may have lapsed).
const compareAndSet = redisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  if ARGV[2] == '' then return redis.call('DEL', KEYS[1]) end
  return redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
end
return 0
`);

interface TEntry {
  state: "pending" | "done";
  token: string;
  fingerprint: string;
  reply?: unknown;
}

/**
 * Runs a handler's effect once per idempotency key and replays the first reply to retries
 * (Stripe's model). A duplicate that arrives while the first is still running gets ABORTED, which
 * callUnary retries after a backoff. If the effect throws, the key is released so a retry runs
 * it again; if the process dies mid-effect, the lease lapses and a retry runs it again, so an
 * effect outside Redis must itself be safe to repeat, or be written in one transaction with its
 * key (as the analytics counter store does in one Lua script).
 */
export function createIdempotencyStore(redis: RedisClient, prefix: string, options: { ttlSeconds?: number; leaseMs?: number } = {}) {
  const ttlSeconds = options.ttlSeconds ?? 24 * 60 * 60;
  const leaseMs = options.leaseMs ?? 30_000;
  const storeKey = (scope: string, key: string) => `${prefix}:idempotency:${scope}:${key}`;

  return {
    /**
     * `scope` names the operation (e.g. the method path); `fingerprint` (e.g. a hash of the
     * request) makes the same key with other parameters an INVALID_ARGUMENT.
     */
    async once<T>(scope: string, key: string, effect: () => Promise<T>, fingerprint = ""): Promise<T> {
      const redisKey = storeKey(scope, key);
      const token = randomUUID();
      const pending = JSON.stringify({ state: "pending", token, fingerprint } satisfies TEntry);
      const reserved = await redis.set(redisKey, pending, "PX", leaseMs, "NX");
      if (reserved === null) {
        const raw = await redis.get(redisKey);
        if (raw === null) throw new GrpcError(Status.ABORTED, "idempotency key was just released; retry");
        const entry = JSON.parse(raw) as TEntry;
        if (entry.fingerprint !== fingerprint) {
          throw new GrpcError(Status.INVALID_ARGUMENT, "idempotency key was used with different parameters");
        }
        if (entry.state === "pending") throw new GrpcError(Status.ABORTED, "a call with this idempotency key is in progress");
        return entry.reply as T;
      }
      let reply: T;
      try {
        reply = await effect();
      } catch (error) {
        await compareAndSet(redis, [redisKey], [pending, "", 0]);
        throw error;
      }
      const done = JSON.stringify({ state: "done", token, fingerprint, reply } satisfies TEntry);
      await compareAndSet(redis, [redisKey], [pending, done, ttlSeconds]);
      return reply;
    },
  };
}

export type TIdempotencyStore = ReturnType<typeof createIdempotencyStore>;
