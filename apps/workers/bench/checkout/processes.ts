// Child processes of bench:checkout: each pinned to a CPU with taskset, in its own process group
// (detached), so stopping it by pid also ends whatever it started (tsx, `main.ts all`'s roles).
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (apps/workers/bench/checkout -> ../../../..). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
export const WORKERS_DIR = join(ROOT, "apps/workers");

export interface TBenchChild {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
  /** The last lines it wrote to stderr (and the warnings and errors of its pino log), for failures. */
  recent(): string[];
  stop(): Promise<void>;
}

const running = new Set<TBenchChild>();

/** Lines worth showing from a child: stderr, and pino lines at warn (40) and above. */
const worthShowing = (line: string) => !line.startsWith("{") || /"level":(40|50|60)\b/.test(line);

/**
 * Starts `command` pinned to `cpu` in its own process group. stderr, and warnings/errors on
 * stdout (pino JSON), are shown prefixed with [name] (at most `maxShown` lines, then counted).
 */
export function startChild(
  name: string,
  command: string[],
  options: { cwd: string; env: Record<string, string | undefined>; cpu: string | null; ipc?: boolean; maxShown?: number },
): TBenchChild {
  const argv = options.cpu === null ? command : ["taskset", "-c", options.cpu, ...command];
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd: options.cwd,
    env: options.env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe", ...(options.ipc ? (["ipc"] as const) : [])],
    detached: true,
  });
  const recentLines: string[] = [];
  let shown = 0;
  let hidden = 0;
  const maxShown = options.maxShown ?? 30;
  const onLine = (line: string) => {
    if (!line.trim() || !worthShowing(line)) return;
    recentLines.push(line);
    if (recentLines.length > 50) recentLines.shift();
    if (shown < maxShown) {
      shown += 1;
      process.stderr.write(`[${name}] ${line.length > 600 ? `${line.slice(0, 600)}...` : line}\n`);
    } else hidden += 1;
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffered = "";
    stream.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      lines.forEach(onLine);
    });
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const handle: TBenchChild = {
    name,
    child,
    exited,
    recent: () => [...recentLines],
    async stop() {
      running.delete(handle);
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
      // Anything the leader started and left behind in its group.
      signalGroup(child, "SIGKILL");
      if (hidden > 0) console.warn(`[${name}] ${hidden} more warning/error lines not shown`);
    },
  };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

/** `node --import tsx <entry> ...args`, from `cwd`. */
export const tsxCommand = (entry: string, ...args: string[]) => [process.execPath, "--import", "tsx", entry, ...args];

/** Stops every child still running (in parallel: each gets SIGTERM, then SIGKILL after 15 s). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((child) => child.stop()));
}

/** Polls `url` until it answers 200; fails at once if `child` exits, with its last lines. */
export async function waitForHealthy(url: string, child: TBenchChild, timeoutMs = 60_000): Promise<void> {
  let gone = false;
  void child.exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${child.name} exited before ${url} was healthy:\n${child.recent().join("\n")}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
      last = `${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} not healthy after ${timeoutMs / 1000} s (${last}):\n${child.recent().join("\n")}`);
}

/** One request/answer over a child's IPC channel (the child answers `{ id, ok, result | error }`). */
export function ipcCaller(child: TBenchChild) {
  let next = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let onReady!: () => void;
  let onGone!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    onGone = reject;
  });
  ready.catch(() => {}); // a child that dies first fails the next call instead
  child.child.on("message", (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
    // id 0: the child's "ready" (serveIpc installed).
    if (message.id === 0) return onReady();
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(`${child.name}: ${message.error}`));
  });
  void child.exited.then(() => {
    const gone = new Error(`${child.name} exited:\n${child.recent().join("\n")}`);
    onGone(gone);
    for (const waiter of pending.values()) waiter.reject(gone);
    pending.clear();
  });
  const call = <T>(command: Record<string, unknown>): Promise<T> =>
    ready.then(
      () =>
        new Promise<T>((resolve, reject) => {
          const id = ++next;
          pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
          child.child.send({ ...command, id });
        }),
    );
  return Object.assign(call, { ready });
}

/** The child side of ipcCaller: answers each command with `handle`'s result or error. */
export function serveIpc(handle: (command: Record<string, unknown>) => Promise<unknown>) {
  process.on("message", (message: Record<string, unknown> & { id: number }) => {
    handle(message).then(
      (result) => process.send?.({ id: message.id, ok: true, result }),
      (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  // The parent going away (Ctrl-C, crash) ends the child too.
  process.on("disconnect", () => process.exit(0));
  process.send?.({ id: 0, ok: true });
}

/** `count` ports the OS reports free right now (held open together, so they differ). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
