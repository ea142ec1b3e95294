// Helpers for tests that run workers as real child processes (`node --import tsx src/main.ts <role>`).
// Not through tsx's CLI: it relays signals through a 30 ms handshake with its child and SIGKILLs
// the child when a loaded machine misses it, which would turn a graceful SIGTERM into a crash.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const WORKERS_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** A Redis key prefix no other test uses, so tests run in parallel without cleanup races. */
export const uniquePrefix = (label: string) => `test-${label}-${randomUUID().slice(0, 8)}`;

/** Ports the OS reports free right now (all held open together, so they differ). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      const server = createServer();
      return new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve(server));
      });
    }),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export interface TExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface TWorkerProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<TExit>;
  /** Sends `signal` and resolves with the exit and how long it took; SIGKILLs after `timeoutMs`. */
  stop: (signal?: NodeJS.Signals, timeoutMs?: number) => Promise<TExit & { ms: number; timedOut: boolean }>;
}

const running = new Set<ChildProcess>();

/** Starts `node --import tsx src/main.ts ...args` in apps/workers with `env` on top of this process's. */
export function spawnWorker(args: string[], env: Record<string, string>): TWorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
    cwd: WORKERS_DIR,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Own process group, so killAll can also reach the node process tsx starts (and `all`'s roles).
    detached: true,
  });
  running.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<TExit>((resolve) =>
    child.on("close", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async stop(signal = "SIGTERM", timeoutMs = 10_000) {
      const started = Date.now();
      child.kill(signal);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        process.kill(-child.pid!, "SIGKILL");
      }, timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return { ...result, ms: Date.now() - started, timedOut };
    },
  };
}

/** SIGKILLs the process groups of whatever a test left running (use in afterAll). */
export function killAll(): void {
  for (const child of running) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  }
}

/** Polls `url` until it answers 200; fails early if the process exits. */
export async function waitForHealthy(url: string, worker: TWorkerProcess, timeoutMs = 30_000): Promise<void> {
  let exited: TExit | undefined;
  void worker.exited.then((exit) => (exited = exit));
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (exited) throw new Error(`worker exited (${JSON.stringify(exited)}) before healthy:\n${worker.stderr()}${worker.stdout()}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms (${last}):\n${worker.stderr()}${worker.stdout()}`);
}

/** Polls `read` until `done(value)` holds, returning the last value (callers assert on it). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}
