// CPU time of processes from /proc, to say where a run's CPU went: the server under test, the
// PostgreSQL backends serving one database, and redis-server. Per request = delta / requests.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** CPU time (ms, user + system) process `pid` has used so far, from /proc (10 ms ticks; NaN without /proc). */
export function cpuMs(pid: number): number {
  try {
    // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * Waits until process `pid` is idle: under `busyBelow` of a core over a `windowMs` window (its CPU
 * time from /proc). For a server that still works through requests its clients gave up on (timed
 * out, socket closed), so the next measurement does not share the core with that backlog. Answers
 * the seconds waited; at `timeoutMs` it stops waiting and answers what it waited (NaN without /proc).
 */
export async function waitUntilIdle(pid: number, options: { busyBelow?: number; windowMs?: number; timeoutMs?: number } = {}): Promise<number> {
  const { busyBelow = 0.1, windowMs = 500, timeoutMs = 120_000 } = options;
  const startedAt = performance.now();
  let before = cpuMs(pid);
  if (!Number.isFinite(before)) return NaN;
  while (performance.now() - startedAt < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const after = cpuMs(pid);
    if (after - before < busyBelow * windowMs) break;
    before = after;
  }
  return (performance.now() - startedAt) / 1000;
}

/** Pids whose command line matches `pattern` (pgrep -f); none when pgrep finds nothing or is missing. */
function pidsMatching(pattern: string): number[] {
  try {
    return execFileSync("pgrep", ["-f", pattern], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * A CPU meter over a set of processes: the server pids given, the PostgreSQL backends connected to
 * `database` (their process titles name it) and redis-server. `read()` answers each process's CPU
 * ms so far, by pid; cpuPerRequest subtracts two reads per process.
 */
export function cpuMeter(options: { serverPids: number[]; database?: string }) {
  const backends = () => (options.database ? pidsMatching(`postgres: .* ${options.database} `) : []);
  const redis = pidsMatching("redis-server");
  const byPid = (pids: number[]) => new Map(pids.map((pid) => [pid, cpuMs(pid)] as const).filter(([, ms]) => Number.isFinite(ms)));
  return {
    read: () => ({ server: byPid(options.serverPids), postgres: byPid(backends()), redis: byPid(redis) }),
  };
}

export type TCpuReading = ReturnType<ReturnType<typeof cpuMeter>["read"]>;

/**
 * CPU used between two readings: per process still there at the second one, its time minus its
 * time at the first (0 for a process that started in between). A process that exited in between
 * (a pool closing an idle backend) drops out with what it used since the first reading, so the
 * figure may undercount, never go negative.
 */
function usedBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let used = 0;
  for (const [pid, ms] of after) used += ms - (before.get(pid) ?? 0);
  return used;
}

/** "server 2.1, PostgreSQL 0.8, Redis 0.2 ms CPU per request" from two readings and a request count. */
export function cpuPerRequest(before: TCpuReading, after: TCpuReading, requests: number): string {
  const per = (key: keyof TCpuReading) => (usedBetween(before[key], after[key]) / Math.max(1, requests)).toFixed(2);
  return `server ${per("server")}, PostgreSQL ${per("postgres")}, Redis ${per("redis")} ms CPU per request`;
}

/** Runs `run` and answers its result with cpuPerRequest over it; `requests` counts from the result. */
export async function withCpu<T>(
  meter: ReturnType<typeof cpuMeter>,
  run: () => Promise<T>,
  requests: (result: T) => number,
): Promise<{ result: T; cpu: string }> {
  const before = meter.read();
  const result = await run();
  return { result, cpu: cpuPerRequest(before, meter.read(), requests(result)) };
}
