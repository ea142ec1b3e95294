import { Redis } from "ioredis";

/** The Redis the tests use: REDIS_URL when set (turbo passes it through), else the local default. */
export const TEST_REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";

export const connectTestRedis = () => new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });

/** Deletes every key under `prefix:` so test runs do not pile up in the developer's Redis. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}
