import { type Redis } from "ioredis";

/** How long a (correlation id, name) pair is remembered: far longer than any retry schedule. */
export const DEDUPE_TTL_SECONDS = 24 * 60 * 60;

// SET NX on the dedupe key and HINCRBY on the counters hash in one script, so a crash between
// the two can neither lose the increment nor apply it twice.
const RECORD_SCRIPT = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then
  return {1, redis.call('HINCRBY', KEYS[2], ARGV[1], ARGV[2])}
end
return {0, tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')}
`;

export interface TRecordInput {
  name: string;
  count: number;
  /** The deduplication key: a second record with the same correlation id and name changes nothing. */
  correlationId: string;
}

/**
 * Named counters in one Redis hash, `<prefix>:analytics:counters`, with dedupe keys
 * `<prefix>:analytics:dedupe:<name>:<correlationId>` that expire after `dedupeTtlSeconds`.
 */
export function createCounterStore(redis: Redis, prefix: string, dedupeTtlSeconds = DEDUPE_TTL_SECONDS) {
  const countersKey = `${prefix}:analytics:counters`;
  const dedupeKey = (name: string, correlationId: string) => `${prefix}:analytics:dedupe:${name}:${correlationId}`;

  return {
    async record(input: TRecordInput): Promise<{ applied: boolean; value: number }> {
      const [applied, value] = (await redis.eval(
        RECORD_SCRIPT,
        2,
        dedupeKey(input.name, input.correlationId),
        countersKey,
        input.name,
        input.count,
        dedupeTtlSeconds,
      )) as [number, number];
      return { applied: applied === 1, value };
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
