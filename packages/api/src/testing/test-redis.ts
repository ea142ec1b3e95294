import type { RedisOptions } from "ioredis";
import { createRedisClient, dataNodes, parseClusterNodes, type RedisClient, type TRedisConfig } from "../lib/redis-client.ts";

// The Redis the tests use: REDIS_URL (turbo passes it through), else the local default; or the
// Redis Cluster whose seed nodes REDIS_CLUSTER_NODES lists (`npm run test:cluster` sets it).

export const TEST_REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";

export const testRedisConfig = (): TRedisConfig => ({ url: TEST_REDIS_URL, clusterNodes: parseClusterNodes(process.env.REDIS_CLUSTER_NODES) });

/** The variables a server or worker started by a test needs to reach the same Redis. */
export const testRedisEnv = (): Record<string, string> => ({ REDIS_URL: TEST_REDIS_URL, REDIS_CLUSTER_NODES: process.env.REDIS_CLUSTER_NODES ?? "" });

/** A client of the tests' Redis; commands wait for a reconnect (BullMQ's requirement). */
export const connectTestRedis = (options: RedisOptions = {}): RedisClient => createRedisClient(testRedisConfig(), { maxRetriesPerRequest: null, ...options });

/**
 * Deletes every key under `prefix:` so test runs do not pile up in the developer's Redis. In a
 * cluster every master is scanned and keys are unlinked one by one (they live in many slots).
 */
export async function deleteKeysWithPrefix(redis: RedisClient, prefix: string): Promise<void> {
  for (const node of dataNodes(redis)) {
    let cursor = "0";
    do {
      const [next, keys] = await node.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      if (keys.length > 0) await Promise.all(keys.map((key) => redis.unlink(key)));
      cursor = next;
    } while (cursor !== "0");
  }
}
