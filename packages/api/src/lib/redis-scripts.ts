import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** Runs a Lua script on a client: `keys` become KEYS, `args` ARGV. */
export type TRedisScript<TResult = unknown> = (redis: Redis, keys: readonly string[], args?: readonly (string | number)[]) => Promise<TResult>;

const isNoScript = (error: unknown) => error instanceof Error && error.message.startsWith("NOSCRIPT");

/**
 * A Lua script run by its SHA1 (EVALSHA), sent in full (EVAL, which also caches it in Redis) only
 * when Redis does not know it yet: the first use, or after a restart. Both are built-in commands,
 * so scripts ride in ioredis' auto-pipelines like any other command; a command added to a client
 * with `defineCommand` is missing from an auto-pipeline opened before it was defined.
 */
export function redisScript<TResult = unknown>(lua: string): TRedisScript<TResult> {
  const sha = createHash("sha1").update(lua).digest("hex");
  return async (redis, keys, args = []) => {
    try {
      return (await redis.evalsha(sha, keys.length, ...keys, ...args)) as TResult;
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return (await redis.eval(lua, keys.length, ...keys, ...args)) as TResult;
    }
  };
}
