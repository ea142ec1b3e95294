import { Cluster, Redis, type RedisOptions } from "ioredis";

/**
 * A connection to Redis: one server, or a Redis Cluster. Every multi-key command and Lua script in
 * Marquee names keys of one hash slot (`{eventId}` in the key, one hash tag per queue for BullMQ),
 * so both kinds run the same code.
 */
export type RedisClient = Redis | Cluster;

/** Where Redis is: REDIS_URL, or the seed nodes of a cluster (REDIS_CLUSTER_NODES, which wins). */
export interface TRedisConfig {
  url: string;
  /** Seed nodes (`redis://[user:password@]host:port`, or `rediss://`); empty for one server. */
  clusterNodes: readonly string[];
}

/** REDIS_CLUSTER_NODES: a comma-separated list of node URLs; blank means one server. */
export const parseClusterNodes = (value: string | undefined): string[] =>
  (value ?? "")
    .split(",")
    .map((node) => node.trim())
    .filter((node) => node.length > 0);

/**
 * One client for `config`. In a cluster the credentials and TLS of the first seed node apply to
 * every node, reads go to masters (a replica may lag a hold), and `options` (timeouts, retries,
 * lazyConnect) apply to each node's connection.
 */
export function createRedisClient(config: TRedisConfig, options: RedisOptions = {}): RedisClient {
  if (config.clusterNodes.length === 0) return new Redis(config.url, options);
  const seeds = config.clusterNodes.map((node) => new URL(node));
  const first = seeds[0]!;
  const { lazyConnect, enableAutoPipelining, ...nodeOptions } = options;
  return new Cluster(
    seeds.map((seed) => ({ host: seed.hostname, port: Number(seed.port || 6379) })),
    {
      lazyConnect,
      enableAutoPipelining,
      scaleReads: "master",
      // After a failover the slots move: retry the command on the new owner instead of failing it.
      retryDelayOnFailover: 200,
      retryDelayOnClusterDown: 300,
      retryDelayOnTryAgain: 200,
      redisOptions: {
        ...nodeOptions,
        ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
        ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
        ...(first.protocol === "rediss:" ? { tls: {} } : {}),
      },
    },
  );
}

/** True for a cluster client: key scans and FLUSH go to every master, not one node. */
export const isCluster = (client: RedisClient): client is Cluster => client instanceof Cluster;

/** The clients that hold data: the cluster's masters, or the one server. */
export const dataNodes = (client: RedisClient): Redis[] => (isCluster(client) ? client.nodes("master") : [client]);

/** A second client to the same Redis (BullMQ workers block their connection). */
export const duplicateClient = (client: RedisClient): RedisClient => (isCluster(client) ? client.duplicate() : client.duplicate());
