import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { ConfigError } from "@marquee/config/env";
import { silentLog, type Log } from "../log.ts";
import { runCommand, spawnManaged, type ManagedProcess } from "../processes.ts";
import { findExecutable } from "./executables.ts";
import { waitUntil } from "./net.ts";

const BIN_DIRS = ["/usr/bin", "/usr/local/bin", "/usr/sbin", "/opt/homebrew/bin"];

export interface TRedisCluster {
  /** Seed node URLs, the REDIS_CLUSTER_NODES value. */
  nodes: string[];
  ports: number[];
  stop(): Promise<void>;
}

/** redis-server and redis-cli, or a ConfigError saying how to get them. */
export function redisClusterBinaries(): { server: string; cli: string } {
  const server = findExecutable("redis-server", BIN_DIRS);
  const cli = findExecutable("redis-cli", BIN_DIRS);
  if (!server || !cli)
    throw new ConfigError("redis-server and redis-cli are needed for a local Redis Cluster: install them with `apt-get install -y redis-server`");
  return { server, cli };
}

const clusterInfo = async (port: number): Promise<Record<string, string>> => {
  const client = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => {});
  try {
    await client.connect();
    const text = (await client.cluster("INFO")) as string;
    return Object.fromEntries(text.split(/\r?\n/).flatMap((line) => (line.includes(":") ? [line.split(":", 2) as [string, string]] : [])));
  } catch {
    return {};
  } finally {
    client.disconnect();
  }
};

/**
 * A local Redis Cluster: `masters` masters with one replica each on ports basePort.., nothing on
 * disk (a killed master loses what it had not yet replicated, as in production without AOF), a
 * 2 s node timeout so a killed master fails over in a few seconds. Resolves once every node
 * reports `cluster_state:ok` with all 16,384 slots assigned.
 */
export async function startRedisCluster(options: { basePort: number; masters?: number; log?: Log }): Promise<TRedisCluster> {
  const log = options.log ?? silentLog;
  const { server, cli } = redisClusterBinaries();
  const count = (options.masters ?? 3) * 2;
  const ports = Array.from({ length: count }, (_, index) => options.basePort + index);
  const dir = await mkdtemp(join(tmpdir(), "marquee-redis-cluster-"));
  const processes: ManagedProcess[] = [];
  const stop = async () => {
    await Promise.all(processes.map((child) => child.stop(5_000)));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      const args = ["--port", String(port), "--bind", "127.0.0.1", "--daemonize", "no", "--save", "", "--appendonly", "no", "--dir", dir];
      args.push("--cluster-enabled", "yes", "--cluster-config-file", `nodes-${port}.conf`, "--cluster-node-timeout", "2000");
      args.push("--maxmemory-policy", "noeviction", "--loglevel", "warning");
      // Their output is kept for an error message, not printed: six servers' start-up banners.
      processes.push(spawnManaged(`redis-${port}`, server, args));
    }
    await waitUntil(async () => (await Promise.all(ports.map(clusterInfo))).every((info) => info.cluster_state !== undefined), {
      timeoutMs: 20_000,
      intervalMs: 50,
      description: "the cluster's redis-server processes",
      abort: () =>
        processes
          .find((child) => child.exitStatus())
          ?.recentOutput()
          .slice(-2)
          .join(" | "),
    });
    await runCommand("redis-cli", cli, ["--cluster", "create", ...ports.map((port) => `127.0.0.1:${port}`), "--cluster-replicas", "1", "--cluster-yes"], {
      log: silentLog,
    });
    // Until every node agrees on the configuration, commands answer CLUSTERDOWN.
    await waitUntil(
      async () => (await Promise.all(ports.map(clusterInfo))).every((info) => info.cluster_state === "ok" && info.cluster_slots_assigned === "16384"),
      { timeoutMs: 30_000, intervalMs: 100, description: "cluster_state:ok on every node" },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  log(`Redis Cluster up: ${count / 2} masters, ${count / 2} replicas on 127.0.0.1:${ports[0]}-${ports.at(-1)}`);
  return { nodes: ports.map((port) => `redis://127.0.0.1:${port}`), ports, stop };
}
