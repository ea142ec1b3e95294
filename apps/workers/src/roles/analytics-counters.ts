import { redisScript } from "@marquee/api/lib/redis-scripts";
import type { RedisClient } from "@marquee/api/lib/redis-client";

/** How long a (correlation id, name) pair is remembered: far longer than any retry schedule. */
export const DEDUPE_TTL_SECONDS = 24 * 60 * 60;

// SET NX on the dedupe key and HINCRBY on the counters hash in one script, so a crash between
// the two can neither lose the increment nor apply it twice.
const recordScript = redisScript<[number, number]>(`
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then
  return {1, redis.call('HINCRBY', KEYS[2], ARGV[1], ARGV[2])}
end
return {0, tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')}
`);

// Up to ARGV[1] reports popped from the inbox list and applied like recordScript, all in one
// script: a report leaves the list exactly when it is counted (or found to be a repeat), so a
// crash can neither lose one nor count it twice. Malformed entries are dropped.
const drainScript = redisScript<[number, number]>(`
local taken, applied = 0, 0
for i = 1, tonumber(ARGV[1]) do
  local item = redis.call('RPOP', KEYS[1])
  if not item then break end
  taken = taken + 1
  local ok, entry = pcall(cjson.decode, item)
  if ok and type(entry) == 'table' and type(entry.n) == 'string' and type(entry.k) == 'string' and type(entry.c) == 'number' then
    if redis.call('SET', ARGV[2] .. entry.n .. ':' .. entry.k, '1', 'NX', 'EX', ARGV[3]) then
      redis.call('HINCRBY', KEYS[2], entry.n, entry.c)
      applied = applied + 1
    end
  end
end
return {taken, applied}
`);

export interface TRecordInput {
  name: string;
  count: number;
  /** The deduplication key: a second record with the same correlation id and name changes nothing. */
  correlationId: string;
}

/**
 * Named counters in one Redis hash, `<prefix>:{analytics}:counters`, with dedupe keys
 * `<prefix>:{analytics}:dedupe:<name>:<correlationId>` that expire after `dedupeTtlSeconds`, and an
 * inbox list `<prefix>:{analytics}:inbox` of reports the analytics worker applies in batches. The
 * drain script builds dedupe keys itself: the {analytics} hash tag puts them all in one slot, so
 * it also runs on a Redis Cluster.
 */
export function createCounterStore(redis: RedisClient, prefix: string, dedupeTtlSeconds = DEDUPE_TTL_SECONDS) {
  const countersKey = `${prefix}:{analytics}:counters`;
  const dedupePrefix = `${prefix}:{analytics}:dedupe:`;
  const dedupeKey = (name: string, correlationId: string) => `${dedupePrefix}${name}:${correlationId}`;
  const inboxKey = `${prefix}:{analytics}:inbox`;

  return {
    async record(input: TRecordInput): Promise<{ applied: boolean; value: number }> {
      const [applied, value] = await recordScript(
        redis,
        [dedupeKey(input.name, input.correlationId), countersKey],
        [input.name, input.count, dedupeTtlSeconds],
      );
      return { applied: applied === 1, value };
    },

    /**
     * Leaves a count for the analytics worker to apply (one LPUSH, no round trip to another
     * process): what every worker does after each job. Deduplicated like `record` when applied.
     */
    async report(input: TRecordInput): Promise<void> {
      await redis.lpush(inboxKey, JSON.stringify({ n: input.name, c: input.count, k: input.correlationId }));
    },

    /** Applies up to `max` reports from the inbox (the analytics worker's loop): how many it took and applied. */
    async drain(max = 500): Promise<{ taken: number; applied: number }> {
      const [taken, applied] = await drainScript(redis, [inboxKey, countersKey], [max, dedupePrefix, dedupeTtlSeconds]);
      return { taken, applied };
    },

    /** The named counters (0 for unknown names), or every counter when `names` is empty. */
    async get(names: readonly string[]): Promise<Record<string, number>> {
      if (names.length === 0) {
        const all = await redis.hgetall(countersKey);
        return Object.fromEntries(Object.entries(all).map(([name, value]) => [name, Number(value)]));
      }
      const values = await redis.hmget(countersKey, ...names);
      return Object.fromEntries(names.map((name, index) => [name, Number(values[index] ?? 0)]));
    },
  };
}

export type TCounterStore = ReturnType<typeof createCounterStore>;
