// Helpers shared by the benchmarks (packages/api/scripts/bench-http.ts and packages/api/bench/*):
// child servers pinned with taskset, free ports, autocannon runs with exact percentiles, medians.
// The method: a baseline measured in the same run, rounds alternated A B A B, medians reported.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import autocannon, { type AutocannonOptions } from "autocannon";
import { Redis } from "ioredis";

/** Servers under test run on this CPU, load generators on LOAD_CPU (when taskset works). */
export const SERVER_CPU = "0";
export const LOAD_CPU = "1";

/** `--name value` from argv, or the fallback. */
export const numberOption = (args: string[], name: string, fallback: number) =>
  args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback;

/** Pins this process (the load generator) to LOAD_CPU; false when taskset is unavailable. */
export function pinSelf(): boolean {
  try {
    execFileSync("taskset", ["-cp", LOAD_CPU, String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    console.warn("taskset unavailable: load generator and servers share cores");
    return false;
  }
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Cleanups still owed (e.g. dropping a database); run by `runCleanups` on the way out, even after Ctrl-C. */
const cleanups = new Set<() => Promise<unknown>>();

/** Registers a cleanup; call the returned function to run it now (once) instead of at exit. */
export function deferCleanup(cleanup: () => Promise<unknown>): () => Promise<void> {
  cleanups.add(cleanup);
  return async () => {
    if (cleanups.delete(cleanup)) await cleanup();
  };
}

export async function runCleanups(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    await cleanup().catch((error: unknown) => console.error("cleanup failed:", error));
  }
}

/** Child processes started by `startServer`; `stopServers` ends exactly these. */
export const children: ChildProcess[] = [];
const names = new WeakMap<ChildProcess, string>();

export function stopServers(): Promise<void> {
  const running = children.splice(0).filter((child) => child.exitCode === null && child.signalCode === null);
  return Promise.all(
    running.map(
      (child) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  ).then(() => undefined);
}

/** Starts a server pinned to SERVER_CPU; its stderr is shown with a [name] prefix. */
export function startServer(name: string, command: string[], cwd: string, env: Record<string, string | undefined>): ChildProcess {
  const child = spawn("taskset", ["-c", SERVER_CPU, ...command], { cwd, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "pipe"] });
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk}`));
  children.push(child);
  names.set(child, name);
  return child;
}

/** A bare node:http server answering every request with a tiny JSON body: the HTTP baseline. */
export const noopServerSource = (port: number) =>
  `require("node:http").createServer((q, s) => { q.resume(); q.on("end", () => { s.writeHead(200, { "content-type": "application/json" }); s.end('{"ok":true}'); }); }).listen(${port}, "127.0.0.1")`;

/** A server started by `startServer` that has exited, as one line, or undefined. */
function exitedServer(): string | undefined {
  const child = children.find((candidate) => candidate.exitCode !== null || candidate.signalCode !== null);
  return child ? `${names.get(child) ?? "a server"} exited (${child.signalCode ?? `code ${child.exitCode}`}); see its [name] lines above` : undefined;
}

/** Polls `url` until it answers below 500; fails at once when a server started here has exited. */
export async function waitFor(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exited = exitedServer();
    if (exited) throw new Error(`${url} will not answer: ${exited}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface Figures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Non-2xx answers plus socket errors and timeouts. */
  errors: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
}

/** Sorted-sample percentile (nearest rank). */
export const percentile = (sorted: ArrayLike<number>, q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * One autocannon run for `duration` seconds, or of exactly `amount` requests; percentiles from every
 * response time (autocannon's own are bucketed). `rps` counts every answer, or only those with
 * `rateStatus` when given, over the duration (an amount run: over its own wall time, `seconds`).
 */
export function runAutocannon(
  options: AutocannonOptions & ({ duration: number } | { amount: number }) & { rateStatus?: number },
): Promise<Figures & { seconds: number }> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    const started = performance.now();
    const { rateStatus, ...autocannonOptions } = options;
    const instance = autocannon(autocannonOptions, (error, result) => {
      if (error) return reject(error);
      const seconds = "duration" in options && options.duration !== undefined ? options.duration : (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      resolve({
        rps: (rateStatus === undefined ? result.requests.total : (statuses[rateStatus] ?? 0)) / seconds,
        seconds,
        p50: percentile(latencies, 0.5),
        p95: percentile(latencies, 0.95),
        p99: percentile(latencies, 0.99),
        errors: result.non2xx + result.errors + result.timeouts,
        statuses,
      });
    });
    instance.on("response", (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

/** Medians over rounds of each figure; errors and statuses summed. */
export function summarise(rounds: Figures[]): Figures {
  const statuses: Record<string, number> = {};
  for (const round of rounds) for (const [status, count] of Object.entries(round.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  return {
    rps: median(rounds.map((f) => f.rps)),
    p50: median(rounds.map((f) => f.p50)),
    p95: median(rounds.map((f) => f.p95)),
    p99: median(rounds.map((f) => f.p99)),
    errors: rounds.reduce((sum, f) => sum + f.errors, 0),
    statuses,
  };
}

/** The servers `startServer` started, then the deferred cleanups (databases dropped, ...). */
export async function stopServersAndCleanUp(): Promise<void> {
  await stopServers();
  await runCleanups();
}

/**
 * Runs a bench script's `main`, then `cleanUp` (by default the servers and the deferred cleanups)
 * and exits: with 1 after an error (its stack printed), with 130 / 143 after Ctrl-C / SIGTERM,
 * which clean up too instead of leaving servers and databases behind.
 */
export function runBench(main: () => Promise<void>, cleanUp: () => Promise<void> = stopServersAndCleanUp): void {
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.warn(`\n${signal}: cleaning up`);
    process.exitCode = signal === "SIGINT" ? 130 : 143;
    void cleanUp().finally(() => process.exit());
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  main()
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    })
    .finally(async () => {
      if (interrupted) return;
      await cleanUp();
      process.exit();
    });
}

/** Deletes every key matching `pattern` (SCAN MATCH, UNLINK) on an open client; answers how many. */
export async function deleteKeysMatching(redis: Redis, pattern: string): Promise<number> {
  let deleted = 0;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    if (keys.length) deleted += await redis.unlink(...keys);
  } while (cursor !== "0");
  return deleted;
}

/** Deletes every Redis key under `prefix` (a run's own namespace) over a connection of its own; answers how many. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl);
  try {
    return await deleteKeysMatching(redis, `${prefix}*`);
  } finally {
    await redis.quit();
  }
}
