import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { Redis } from "ioredis";
import { ConfigError } from "@marquee/config/env";
import { silentLog, type Log } from "../log.ts";
import { spawnManaged } from "../processes.ts";
import { findExecutable } from "./executables.ts";
import { bindAddress, canConnect, isLocalHost, waitUntil } from "./net.ts";
import { defaultDataDir, displayPath } from "./postgres-data-dir.ts";
import { foundRunning, redactUrl, type ServiceHandle } from "./types.ts";

export interface RedisOptions {
  redisUrl: string;
  /**
   * "aof": append-only file in dataDir (default .data/redis), so queued jobs and holds survive a
   * restart like the database they refer to; "none": nothing on disk (tests).
   */
  persistence?: "aof" | "none";
  dataDir?: string;
  log?: Log;
}

export type RedisProbe = { state: "up" } | { state: "down"; reason: string } | { state: "error"; message: string };

export async function probeRedis(redisUrl: string, timeoutMs = 2_000): Promise<RedisProbe> {
  const url = new URL(redisUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1";
  // ioredis reports a refused connection as a bare "Connection is closed": ask TCP first.
  if (!(await canConnect(host, url.port ? Number(url.port) : 6379, timeoutMs))) return { state: "down", reason: "connection refused" };
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    const reply = await client.ping();
    return reply === "PONG" ? { state: "up" } : { state: "error", message: `unexpected PING reply ${reply}` };
  } catch (error) {
    return { state: "error", message: error instanceof Error ? error.message : String(error) };
  } finally {
    client.disconnect();
  }
}

export function redisServerArgs(options: { port: number; host: string; password?: string; persistence: "aof" | "none"; dir: string }): string[] {
  const args = ["--port", String(options.port), "--bind", options.host, "--daemonize", "no", "--save", "", "--dir", options.dir];
  args.push("--appendonly", options.persistence === "aof" ? "yes" : "no");
  // BullMQ needs keys never to be evicted (as in docker/compose.yml).
  args.push("--maxmemory-policy", "noeviction", "--loglevel", "warning");
  if (options.password) args.push("--requirepass", options.password);
  return args;
}

const howToGetRedis = "install it (`apt-get install redis-server`) or run `docker compose -f docker/compose.yml up -d redis`";

/** Use the Redis at REDIS_URL if it answers PING; otherwise start redis-server on that port. */
export async function findOrStartRedis(options: RedisOptions): Promise<ServiceHandle> {
  const log = options.log ?? silentLog;
  const url = new URL(options.redisUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1";
  const port = url.port ? Number(url.port) : 6379;
  const where = `${host}:${port}`;

  const probe = await probeRedis(options.redisUrl);
  if (probe.state === "up") return foundRunning(options.redisUrl, `Redis at ${where}`);
  if (probe.state === "error") throw new ConfigError(`Redis at ${where} answered but refused REDIS_URL=${redactUrl(options.redisUrl)}: ${probe.message}`);
  if (!isLocalHost(host)) throw new ConfigError(`Redis at ${where} does not answer (${probe.reason}); start it or change REDIS_URL`);
  if (url.protocol === "rediss:")
    throw new ConfigError(`Redis at ${where} does not answer and a local redis-server cannot serve TLS (rediss://): ${howToGetRedis}`);

  const binary = findExecutable("redis-server", ["/usr/bin", "/usr/local/bin", "/usr/sbin", "/opt/homebrew/bin"]);
  if (!binary) throw new ConfigError(`Redis is not running on ${where} and redis-server is not installed: ${howToGetRedis}`);

  const persistence = options.persistence ?? "aof";
  const dir = persistence === "aof" ? (options.dataDir ?? defaultDataDir("redis", port)) : (options.dataDir ?? tmpdir());
  mkdirSync(dir, { recursive: true });
  const args = redisServerArgs({ port, host: bindAddress(host), password: decodeURIComponent(url.password), persistence, dir });
  const server = spawnManaged("redis", binary, args, { log });
  try {
    await waitUntil(async () => (await probeRedis(options.redisUrl, 500)).state === "up", {
      timeoutMs: 20_000,
      intervalMs: 50,
      description: `redis-server on ${where}`,
      abort: () => (server.exitStatus() ? `redis-server exited: ${server.recentOutput().slice(-2).join(" | ")}` : undefined),
    });
  } catch (error) {
    await server.stop(2_000);
    throw new ConfigError(`Redis is not running on ${where} and redis-server did not start (${error instanceof Error ? error.message : String(error)})`);
  }
  const storage = persistence === "aof" ? `AOF in ${displayPath(dir)}` : "no persistence";
  log(`redis-server started on ${where} (${storage})`);
  return {
    url: options.redisUrl,
    startedByUs: true,
    description: `Redis (redis-server, ${storage})`,
    stop: async () => {
      await server.stop(10_000);
      log(`redis-server on ${where} stopped`);
    },
  };
}
