import { spawn } from "node:child_process";
import { constants } from "node:os";
import { join } from "node:path";
import { ConfigError } from "@marquee/config/env";
import { loadDotEnv, loadEnvDefaults } from "./env.ts";
import { repoRoot } from "./paths.ts";
import { onProcessGroupLeaderExit } from "./processes.ts";

/** Load the repo's .env (the shell's variables win). */
export const loadRepoDotEnv = (): boolean => loadDotEnv(join(repoRoot, ".env"));

/**
 * For `npm start`: .env.example's values for whatever neither the shell nor .env set. The apps
 * run in production mode under `next start`, where secrets have no built-in default; the file's
 * development values are what "every variable has a working local default" means. NODE_ENV is
 * left to each process. With NODE_ENV=production set by the caller nothing is filled in: a
 * production deployment states its own secrets, and a missing one stops start-up.
 */
export const loadExampleDefaults = (): void => {
  // eslint-disable-next-line no-restricted-properties -- decides whether to read env files at all
  if (process.env.NODE_ENV === "production") return;
  loadEnvDefaults(join(repoRoot, ".env.example"), ["NODE_ENV"]);
};

/** A ConfigError prints its one line and exits 1 (never a stack trace); anything else is a bug and keeps its stack. */
function exitWithError(error: unknown): never {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
}

export function runMain(main: () => Promise<void>): void {
  main().catch(exitWithError);
}

// tsx's CLI relays SIGINT/SIGTERM to its child and SIGKILLs it when the child does not
// acknowledge within 30 ms. A process busy stopping apps misses that under load and dies without
// stopping them (seen with `npm start`, where npm forwards Ctrl-C a second time). So under the tsx
// CLI the entry point only relays: the real work runs in a child of it that tsx never signals.
const underTsxCli = (): boolean => process.execArgv.some((arg) => /tsx[\\/]dist[\\/]preflight\.cjs$/.test(arg));

function relayToWorkerProcess(): void {
  const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), ...process.argv.slice(1)], { stdio: "inherit" });
  // The child shares our process group, so a terminal Ctrl-C reaches it directly as well; it
  // ignores repeats. A signal sent to npm or tsx only reaches us: pass it on.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + constants.signals[signal] : 1)));
}

/**
 * Run an entry point's main(), loaded lazily so that the relaying process under tsx stays small.
 */
export function runEntryPoint(load: () => Promise<{ main: () => Promise<void> }>): void {
  if (underTsxCli()) return relayToWorkerProcess();
  runMain(async () => (await load()).main());
}

/** A signal within this long of the previous one is the same request (a copy relayed by npm or tsx). */
export const SAME_REQUEST_MS = 1_000;

/**
 * Whether a signal arriving during a shutdown asks for an exit without waiting: only a Ctrl-C
 * (SIGINT) more than SAME_REQUEST_MS after the previous signal, i.e. a person pressing it again.
 * SIGTERM and SIGHUP come from machinery that sends them more than once (to the process group and
 * through npm; a busy event loop may handle the copy seconds late): never a new request.
 */
export const isEscalation = (signal: NodeJS.Signals, msSincePrevious: number): boolean => signal === "SIGINT" && msSincePrevious >= SAME_REQUEST_MS;

/**
 * Call stop() once on SIGINT/SIGTERM/SIGHUP, or when npm (our process group's leader) has gone,
 * and exit 0. Repeats are the same request (isEscalation); a second Ctrl-C exits at once, and the
 * exit hook of processes.ts still SIGKILLs every process group this process started.
 */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let previousAt: number | undefined;
  const handler = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (previousAt !== undefined) {
      const escalation = isEscalation(signal, now - previousAt);
      previousAt = now;
      if (!escalation) return;
      console.error(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    previousAt = now;
    stop(signal)
      .catch((error: unknown) => console.error(error))
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  process.on("SIGHUP", handler);
  onProcessGroupLeaderExit(() => {
    // npm going away during a shutdown is not a new request: the shutdown under way goes on.
    if (previousAt !== undefined) return;
    console.error("The process that started this one (npm) has exited");
    handler("SIGTERM");
  });
}

/** `npm start [-- --no-build]`: --no-build reuses existing builds (building only apps that have none). */
export function parseStartArgs(args: readonly string[]): { build: "always" | "if-missing" } {
  let build: "always" | "if-missing" = "always";
  for (const arg of args) {
    if (arg === "--no-build") build = "if-missing";
    else throw new ConfigError(`Unknown option ${arg} (usage: npm start [-- --no-build])`);
  }
  return { build };
}
