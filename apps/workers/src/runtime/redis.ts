import { ConfigError, redactUrl } from "@marquee/config/env";
import { createRedisClient, type RedisClient, type TRedisConfig } from "@marquee/api/lib/redis-client";
import { type Logger } from "./logger.ts";

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Connects to Redis (one server, or a cluster) or throws a ConfigError naming REDIS_URL or
 * REDIS_CLUSTER_NODES: an unreachable Redis at start-up is reported in one line. After start-up,
 * ioredis reconnects forever and `maxRetriesPerRequest: null` makes commands wait for it, as BullMQ
 * workers require.
 */
export async function connectRedis(config: TRedisConfig, logger: Logger): Promise<RedisClient> {
  const redis = createRedisClient(config, { maxRetriesPerRequest: null, lazyConnect: true });
  let lastError = "no answer";
  let connected = false;
  redis.on("error", (error: Error) => {
    lastError = error.message;
    // Before start-up completes the failure is reported once, as a ConfigError.
    if (connected) logger.warn({ err: error }, "redis connection error");
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    redis.disconnect();
    const reason = lastError === "no answer" ? (error as Error).message : lastError;
    const where = config.clusterNodes.length > 0 ? `REDIS_CLUSTER_NODES ${config.clusterNodes.map(redactUrl).join(",")}` : `REDIS_URL ${redactUrl(config.url)}`;
    throw new ConfigError(`Invalid configuration: ${where} is not reachable (${reason})`);
  } finally {
    clearTimeout(timer);
  }
  connected = true;
  return redis;
}

/** PING with a time limit, for /healthz. */
export async function pingRedis(redis: RedisClient, timeoutMs = 1_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no PONG within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
