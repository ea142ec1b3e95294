import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** Runs a Lua script on a client: `keys` become KEYS, `args` ARGV. */
export type TRedisScript<TResult = unknown> = (redis: Redis, keys: readonly string[], args?: readonly (string | number)[]) => Promise<TResult>;

type TScriptCaller = (numberOfKeys: number, ...keysAndArgs: (string | number)[]) => Promise<unknown>;

const registered = new WeakMap<Redis, Set<string>>();

/**
 * A Lua script as an ioredis command (`defineCommand`), registered on each client the first time
 * that client runs it. ioredis sends EVALSHA and falls back to EVAL when Redis does not know the
 * script (first use, or after a restart), and the command works inside pipelines and MULTI.
 * The command's name comes from the script's hash, so defining the same source twice is harmless.
 */
export function redisScript<TResult = unknown>(lua: string): TRedisScript<TResult> {
  const name = `marqueeLua${createHash("sha1").update(lua).digest("hex").slice(0, 16)}`;
  return async (redis, keys, args = []) => {
    let names = registered.get(redis);
    if (!names) registered.set(redis, (names = new Set()));
    if (!names.has(name)) {
      // No numberOfKeys: each call passes its own (some scripts take an optional key).
      redis.defineCommand(name, { lua });
      names.add(name);
    }
    const command = (redis as unknown as Record<string, TScriptCaller>)[name]!;
    return (await command.call(redis, keys.length, ...keys, ...args)) as TResult;
  };
}
