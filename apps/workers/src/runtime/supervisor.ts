import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { type Readable, type Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { loadWorkerEnv, ROLES, type TRole } from "../env";

const ENTRY = fileURLToPath(new URL("../main.ts", import.meta.url));

function pipeWithPrefix(from: Readable, to: Writable, prefix: string): void {
  createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => to.write(`${prefix}${line}\n`));
}

/**
 * `main.ts all`: every role as its own child process (same node flags, so tsx still applies),
 * output prefixed with the role. SIGTERM/SIGINT are passed on; if one role dies, the others are
 * stopped and the supervisor exits 1, leaving restarts to whatever runs it.
 */
export function runAll(): void {
  // Check every role's configuration first, so a mistake prints one line, not five.
  for (const role of ROLES) loadWorkerEnv(role);

  const width = Math.max(...ROLES.map((role) => role.length));
  const children = new Map<TRole, ChildProcess>();
  let stopping = false;
  let exitCode = 0;

  const stopAll = () => {
    stopping = true;
    for (const child of children.values()) child.kill("SIGTERM");
  };

  for (const role of ROLES) {
    const child = spawn(process.execPath, [...process.execArgv, ENTRY, role], { stdio: ["ignore", "pipe", "pipe"] });
    const prefix = `[${role.padEnd(width)}] `;
    pipeWithPrefix(child.stdout!, process.stdout, prefix);
    pipeWithPrefix(child.stderr!, process.stderr, prefix);
    children.set(role, child);
    // "close" rather than "exit": it comes after the child's output has been read to the end.
    child.on("close", (code, signal) => {
      children.delete(role);
      // A role still starting has no signal handler yet: our own SIGTERM ending it is a clean stop.
      const stoppedByUs = stopping && signal === "SIGTERM";
      if (code !== 0 && !stoppedByUs) exitCode = 1;
      if (!stopping) {
        process.stderr.write(`[supervisor] ${role} exited (${signal ?? `code ${code}`}); stopping the other roles\n`);
        exitCode = 1;
        stopAll();
      }
      if (children.size === 0) process.exit(exitCode);
    });
  }

  process.on("SIGTERM", stopAll);
  process.on("SIGINT", stopAll);
}
