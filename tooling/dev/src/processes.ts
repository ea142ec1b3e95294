import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createLineSplitter, type Log } from "./log.ts";

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ExitStatus>;
  /** Last lines of output, for error messages. */
  recentOutput(): string[];
  /** How it exited, or undefined while it runs. */
  exitStatus(): ExitStatus | undefined;
  /** SIGTERM the process group, SIGKILL it after timeoutMs; resolves once it has exited. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Where each output line goes; silent when omitted. */
  log?: Log;
  /** How many recent lines to keep for error messages. */
  keepLines?: number;
}

// Children run in their own process group (detached) so that stop() ends grandchildren too
// (npm -> sh -> node, tsx -> node) and a terminal Ctrl-C reaches only us: we stop things in order.
// If we die without cleaning up, the exit hook still kills every group synchronously.
const running = new Set<ChildProcess>();
const exitCleanups = new Set<() => void>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of running) killGroup(child, "SIGKILL");
    for (const cleanup of exitCleanups) {
      try {
        cleanup();
      } catch {
        // best effort while exiting
      }
    }
  });
}

/**
 * Run a synchronous cleanup if this process exits without stopping what it started (an uncaught
 * error, process.exit). Returns a function that unregisters it after a normal stop.
 */
export function onAbnormalExit(cleanup: () => void): () => void {
  installExitHook();
  exitCleanups.add(cleanup);
  return () => exitCleanups.delete(cleanup);
}

/** Signal a process id if it is still there (e.g. a postmaster we started). */
export function signalPid(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Resolve once a process id has gone (polling; works for processes that are not our children). */
export async function waitForPidExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (signalPid(pid, 0)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

export function spawnManaged(name: string, command: string, args: readonly string[], options: SpawnOptions = {}): ManagedProcess {
  installExitHook();
  const keep = options.keepLines ?? 40;
  const recent: string[] = [];
  const onLine = (line: string) => {
    if (line.trim() === "") return; // blank lines only add noise between prefixes
    recent.push(line);
    if (recent.length > keep) recent.shift();
    options.log?.(line);
  };
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running.add(child);
  const out = createLineSplitter(onLine);
  const err = createLineSplitter(onLine);
  child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));

  let status: ExitStatus | undefined;
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once("error", (error) => {
      onLine(`failed to start ${command}: ${error.message}`);
      running.delete(child);
      status = { code: 127, signal: null };
      resolve(status);
    });
    child.once("close", (code, signal) => {
      out.flush();
      err.flush();
      running.delete(child);
      status = { code, signal };
      resolve(status);
    });
  });

  const stop = async (timeoutMs = 10_000) => {
    if (!running.has(child)) return;
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), timeoutMs);
    await exited;
    clearTimeout(timer);
    // Grandchildren that ignored SIGTERM while the leader exited.
    killGroup(child, "SIGKILL");
  };

  return { name, child, exited, recentOutput: () => [...recent], exitStatus: () => status, stop };
}

export class CommandFailedError extends Error {
  constructor(
    readonly command: string,
    readonly status: ExitStatus,
    readonly output: string[],
  ) {
    super(`${command} ${status.signal ? `was killed by ${status.signal}` : `exited with code ${status.code}`}`);
    this.name = "CommandFailedError";
  }
}

/** Run a command to completion (output prefixed through log); rejects on a non-zero exit. */
export async function runCommand(name: string, command: string, args: readonly string[], options: SpawnOptions = {}): Promise<void> {
  const managed = spawnManaged(name, command, args, options);
  const status = await managed.exited;
  if (status.code !== 0) throw new CommandFailedError([command, ...args].join(" "), status, managed.recentOutput());
}

/**
 * Run a command with its output passed straight through (turbo and Playwright prefix their own
 * lines) and no stdin; resolves with the exit code.
 */
export function runInherited(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "inherit", "inherit"] });
    running.add(child);
    installExitHook();
    child.once("error", (error) => {
      console.error(`failed to start ${command}: ${error.message}`);
      running.delete(child);
      resolve(127);
    });
    child.once("close", (code) => {
      running.delete(child);
      resolve(code ?? 1);
    });
  });
}

/** Our process group id (Linux /proc), or undefined where there is no /proc. */
export function processGroupId(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // "pid (comm) state ppid pgrp ...": comm may contain spaces, so split after its ")".
    const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
    return Number.isInteger(pgrp) && pgrp > 0 ? pgrp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Call back once the leader of our process group exits. For `npm start` that is npm, which dies
 * on a SIGTERM without passing it on to the script: then we stop too instead of running orphaned.
 */
export function onProcessGroupLeaderExit(callback: () => void, intervalMs = 1_000): void {
  const leader = processGroupId();
  if (leader === undefined || leader === process.pid || !signalPid(leader, 0)) return;
  const timer = setInterval(() => {
    if (signalPid(leader, 0)) return;
    clearInterval(timer);
    callback();
  }, intervalMs);
  timer.unref();
}
