// Part 1: the hold primitive (HOLD_LUA by EVALSHA, as createHold runs it) vs `redis-benchmark`
// SET, same client count, one request in flight per client (-P 1), same number of operations.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import { inventoryKeys } from "../../src/services/booking/inventory-keys.ts";
import { redisScript } from "../../src/lib/redis-scripts.ts";
import { HOLD_LUA } from "../../src/services/booking/lua.ts";
import { LOAD_CPU, median, percentile } from "../lib/load.ts";

const run = promisify(execFile);
const holdScript = redisScript(HOLD_LUA);

export interface OpsFigures {
  ops: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface PrimitiveOptions {
  redisUrl: string;
  /** Key namespace of this run (deleted by the caller). */
  prefix: string;
  clients: number;
  operations: number;
  rounds: number;
  pinned: boolean;
}

/** `redis-benchmark -t set -c N -n M -P 1 --csv`, pinned to the load CPU like our driver. */
async function redisBenchmarkSet(url: URL, clients: number, operations: number, pinned: boolean): Promise<OpsFigures> {
  const args = ["-h", url.hostname, "-p", url.port || "6379", "-t", "set", "-c", String(clients), "-n", String(operations), "-P", "1", "--csv"];
  const { stdout } = pinned ? await run("taskset", ["-c", LOAD_CPU, "redis-benchmark", ...args]) : await run("redis-benchmark", args);
  // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
  const line = stdout.split("\n").find((l) => l.startsWith('"SET"'));
  if (!line) throw new Error(`redis-benchmark printed no SET line:\n${stdout}`);
  const cells = line.split(",").map((cell) => Number(cell.replaceAll('"', "")));
  return { ops: cells[1]!, p50: cells[4]!, p95: cells[5]!, p99: cells[6]! };
}

/** The same driver doing plain SETs: separates the Node client's cost from the script's. */
async function ioredisSet(connections: Redis[], prefix: string, operations: number): Promise<OpsFigures> {
  return drive(connections, operations, (redis) => redis.set(`${prefix}:set`, "xxx").then(() => undefined));
}

/** `clients` connections each with one call in flight until `operations` calls are done. */
async function drive(connections: Redis[], operations: number, call: (redis: Redis) => Promise<void>): Promise<OpsFigures> {
  const latencies = new Float64Array(operations);
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    connections.map(async (redis) => {
      while (issued < operations) {
        const index = issued++;
        const t0 = performance.now();
        await call(redis);
        latencies[index] = performance.now() - t0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort();
  return { ops: operations / seconds, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), p99: percentile(latencies, 0.99) };
}

/** `clients` connections each run HOLD_LUA one at a time until `operations` holds are taken. */
async function holdLua(connections: Redis[], prefix: string, eventId: string, typeId: string, operations: number): Promise<OpsFigures> {
  const keys = inventoryKeys(prefix, eventId);
  return drive(connections, operations, async (redis) => {
    const holdId = randomUUID();
    // The keys createHold passes for a GA hold (the optional `changes` key is only used for seats).
    const [outcome] = (await holdScript(redis, [keys.ga, keys.seats, keys.ready, keys.version, keys.hold(holdId)], [holdId, 1, typeId, 1])) as string[];
    if (outcome !== "OK") throw new Error(`HOLD_LUA answered ${String(outcome)}`);
  });
}

export async function benchHoldPrimitive(options: PrimitiveOptions) {
  const url = new URL(options.redisUrl);
  const connections = Array.from({ length: options.clients }, () => new Redis(options.redisUrl, { enableAutoPipelining: false }));
  try {
    await Promise.all(connections.map((redis) => redis.ping()));
    // A synthetic event whose inventory is ready, with effectively unlimited GA stock: every hold
    // succeeds and writes what a real hold writes (GA decrement, per-hold key, version bump).
    const eventId = randomUUID();
    const typeId = randomUUID();
    const keys = inventoryKeys(options.prefix, eventId);
    await connections[0]!.hset(keys.ga, typeId, 1e15);
    await connections[0]!.set(keys.ready, "1");

    // Warm-up: load the script, JIT the driver, wake both clients.
    const warm = Math.max(1_000, Math.floor(options.operations / 10));
    await holdLua(connections, options.prefix, eventId, typeId, warm);
    await redisBenchmarkSet(url, options.clients, warm, options.pinned);

    await ioredisSet(connections, options.prefix, warm);

    const baseline: OpsFigures[] = [];
    const ours: OpsFigures[] = [];
    const nodeSet: OpsFigures[] = [];
    for (let round = 0; round < options.rounds; round++) {
      baseline.push(await redisBenchmarkSet(url, options.clients, options.operations, options.pinned));
      ours.push(await holdLua(connections, options.prefix, eventId, typeId, options.operations));
      nodeSet.push(await ioredisSet(connections, options.prefix, options.operations));
    }
    const med = (figures: OpsFigures[]): OpsFigures => ({
      ops: median(figures.map((f) => f.ops)),
      p50: median(figures.map((f) => f.p50)),
      p95: median(figures.map((f) => f.p95)),
      p99: median(figures.map((f) => f.p99)),
    });
    return {
      baseline: med(baseline),
      ours: med(ours),
      nodeSet: med(nodeSet),
      baselineRounds: baseline.map((f) => f.ops),
      oursRounds: ours.map((f) => f.ops),
      nodeSetRounds: nodeSet.map((f) => f.ops),
    };
  } finally {
    // redis-benchmark SET writes the single key "key:__rand_int__" (no -r) in db 0.
    await connections[0]?.del("key:__rand_int__").catch(() => 0);
    await Promise.all(connections.map((redis) => redis.quit().catch(() => "")));
  }
}
