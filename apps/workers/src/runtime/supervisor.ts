import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { type Readable, type Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { loadWorkerEnv, ROLES, type TRole } from "../env.ts";

const ENTRY = fileURLToPath(new URL("../main.ts", import.meta.url));

/**
 * How the supervisor restarts a role that exits on its own: pm2's model of unstable restarts. A run
 * shorter than stableAfterMs is unstable; more than maxRestarts unstable runs in a row is a crash
 * loop and the role is given up. Counting runs rather than exits per minute keeps the verdict the
 * same on a loaded machine, where each failed start simply takes longer.
 */
export const RESTART_POLICY = {
  /** First delay before a restart; doubled after each restart, up to maxDelayMs. */
  initialDelayMs: 500,
  maxDelayMs: 15_000,
  /** A role that stayed up this long was stable: its backoff and unstable-run count start again. */
  stableAfterMs: 30_000,
  /** Restarts after unstable runs in a row; the next unstable exit gives the role up. */
  maxRestarts: 5,
} as const;

interface TRoleState {
  child: ChildProcess | undefined;
  startedAt: number;
  delayMs: number;
  /** Restarts in a row, each after a run shorter than stableAfterMs. */
  restarts: number;
  timer: NodeJS.Timeout | undefined;
  givenUp: boolean;
}

function pipeWithPrefix(from: Readable, to: Writable, prefix: string): void {
  createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => to.write(`${prefix}${line}\n`));
}

const say = (line: string) => process.stderr.write(`[supervisor] ${line}\n`);
const seconds = (ms: number) => `${(ms / 1_000).toFixed(1)} s`;

/**
 * The restart decision for a role that exited on its own at `now`: the delay before the next
 * start, or "give-up" in a crash loop. Updates the role's backoff and restart history.
 */
export function nextRestart(state: Pick<TRoleState, "startedAt" | "delayMs" | "restarts">, now: number): number | "give-up" {
  if (now - state.startedAt >= RESTART_POLICY.stableAfterMs) {
    state.delayMs = RESTART_POLICY.initialDelayMs;
    state.restarts = 0;
  }
  if (state.restarts >= RESTART_POLICY.maxRestarts) return "give-up";
  state.restarts += 1;
  const delay = state.delayMs;
  state.delayMs = Math.min(state.delayMs * 2, RESTART_POLICY.maxDelayMs);
  return delay;
}

/**
 * `main.ts all`: every role as its own child process (same node flags, so tsx still applies),
 * output prefixed with the role. A role that exits on its own is restarted after a backoff
 * (RESTART_POLICY), one `[supervisor]` line per restart naming the cause; in a crash loop it is
 * given up with one line while the other roles keep running, and the supervisor's exit code
 * becomes 1 (it exits 1 at once when no role is left). SIGTERM/SIGINT stop every role.
 */
export function runAll(): void {
  // Check every role's configuration first, so a mistake prints one line, not five.
  for (const role of ROLES) loadWorkerEnv(role);

  const width = Math.max(...ROLES.map((role) => role.length));
  const states = new Map<TRole, TRoleState>();
  let stopping = false;
  let exitCode = 0;

  const exitWhenDone = () => {
    if ([...states.values()].every((state) => state.child === undefined && state.timer === undefined)) process.exit(exitCode);
  };

  const start = (role: TRole) => {
    const state = states.get(role)!;
    state.timer = undefined;
    const child = spawn(process.execPath, [...process.execArgv, ENTRY, role], { stdio: ["ignore", "pipe", "pipe"] });
    state.child = child;
    state.startedAt = Date.now();
    say(`${role} started (pid ${child.pid})`);
    const prefix = `[${role.padEnd(width)}] `;
    pipeWithPrefix(child.stdout!, process.stdout, prefix);
    pipeWithPrefix(child.stderr!, process.stderr, prefix);
    // "close" rather than "exit": it comes after the child's output has been read to the end.
    child.on("close", (code, signal) => onClose(role, code, signal));
  };

  const onClose = (role: TRole, code: number | null, signal: NodeJS.Signals | null) => {
    const state = states.get(role)!;
    state.child = undefined;
    if (stopping) {
      // A role still starting has no signal handler yet: our own SIGTERM ending it is a clean stop.
      if (code !== 0 && signal !== "SIGTERM") exitCode = 1;
      return exitWhenDone();
    }
    const cause = signal ?? `code ${code}`;
    const decision = nextRestart(state, Date.now());
    if (decision === "give-up") {
      state.givenUp = true;
      exitCode = 1;
      say(
        `${role} exited (${cause}) ${RESTART_POLICY.maxRestarts + 1} times in a row, each within ${seconds(RESTART_POLICY.stableAfterMs)} of starting: giving up on it; the other roles keep running`,
      );
      if ([...states.values()].every((candidate) => candidate.givenUp)) process.exit(1);
      return;
    }
    say(
      `${role} exited (${cause}) after ${seconds(Date.now() - state.startedAt)}; restarting it in ${seconds(decision)} (restart ${state.restarts} of ${RESTART_POLICY.maxRestarts} in a row)`,
    );
    state.timer = setTimeout(() => start(role), decision);
  };

  const stopAll = () => {
    if (stopping) return;
    stopping = true;
    for (const state of states.values()) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = undefined;
      state.child?.kill("SIGTERM");
    }
    exitWhenDone();
  };

  for (const role of ROLES) {
    states.set(role, { child: undefined, startedAt: 0, delayMs: RESTART_POLICY.initialDelayMs, restarts: 0, timer: undefined, givenUp: false });
    start(role);
  }
  process.on("SIGTERM", stopAll);
  process.on("SIGINT", stopAll);
}
