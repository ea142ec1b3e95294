import { createHash } from "node:crypto";
import { keySlot } from "./key-slot.ts";
import type { RedisClient } from "./redis-client.ts";

/** Runs a Lua script on a client: `keys` become KEYS, `args` ARGV. */
export type TRedisScript<TResult = unknown> = (redis: RedisClient, keys: readonly string[], args?: readonly (string | number)[]) => Promise<TResult>;

const isNoScript = (error: unknown) => error instanceof Error && error.message.startsWith("NOSCRIPT");

/**
 * A Lua script run by its SHA1 (EVALSHA), sent in full (EVAL, which also caches it in Redis) only
 * when Redis does not know it yet: the first use, or after a restart. Both are built-in commands,
 * so scripts ride in ioredis' auto-pipelines like any other command; a command added to a client
 * with `defineCommand` is missing from an auto-pipeline opened before it was defined.
 */
/**
 * Refuses a script call whose keys are in different hash slots, on one server too: a Redis
 * Cluster would answer CROSSSLOT, so a key missing its {hash tag} fails every test, not production.
 */
export function assertOneSlot(keys: readonly string[]): void {
  if (keys.length < 2) return;
  const slot = keySlot(keys[0]!);
  const other = keys.find((key) => keySlot(key) !== slot);
  if (other !== undefined) throw new Error(`CROSSSLOT: a script's keys must share one hash slot (${keys[0]} and ${other} do not)`);
}

export function redisScript<TResult = unknown>(lua: string): TRedisScript<TResult> {
  const sha = createHash("sha1").update(lua).digest("hex");
  return async (redis, keys, args = []) => {
    assertOneSlot(keys);
    try {
      return (await redis.evalsha(sha, keys.length, ...keys, ...args)) as TResult;
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return (await redis.eval(lua, keys.length, ...keys, ...args)) as TResult;
    }
  };
}
