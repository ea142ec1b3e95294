import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isRoot } from "../env.ts";
import { createLineSplitter, type Log } from "../log.ts";
import { onAbnormalExit, signalPid, waitForPidExit } from "../processes.ts";
import { debianPostgresBinDirs, findExecutableDir, userIds } from "./executables.ts";
import { dataDirMajor, defaultDataDir, displayPath, postmasterPid, prepareDataDir, tail, type RunAs } from "./postgres-data-dir.ts";
import type { PostgresTarget } from "./postgres.ts";
import type { ServiceHandle } from "./types.ts";

const TOOLS = ["initdb", "pg_ctl", "postgres"] as const;

function majorOf(binDir: string): number | undefined {
  try {
    const output = execFileSync(join(binDir, "pg_ctl"), ["--version"], { encoding: "utf8" });
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(output);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Directories holding initdb + pg_ctl + postgres: PATH first, then /usr/lib/postgresql/<major>/bin. */
export function localPostgresBinDirs(): Array<{ dir: string; major: number }> {
  const dirs = new Set<string>();
  const onPath = findExecutableDir(TOOLS);
  if (onPath) dirs.add(onPath);
  for (const dir of debianPostgresBinDirs()) if (findExecutableDir(TOOLS, [dir]) === dir) dirs.add(dir);
  // pg_ctl on PATH may be a symlink into /usr/lib/postgresql: findExecutableDir above checks all three.
  return [...dirs].flatMap((dir) => {
    const major = majorOf(dir);
    return major === undefined ? [] : [{ dir, major }];
  });
}

function run(command: string, args: string[], runAs: RunAs | undefined, log: Log): Promise<{ code: number | null; output: string[] }> {
  return new Promise((resolve) => {
    const output: string[] = [];
    const child = spawn(command, args, { cwd: "/", stdio: ["ignore", "pipe", "pipe"], ...(runAs ?? {}) });
    const onLine = (line: string) => {
      output.push(line);
      log(line);
    };
    const out = createLineSplitter(onLine);
    const err = createLineSplitter(onLine);
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.once("error", (error) => resolve({ code: 127, output: [error.message] }));
    child.once("close", (code) => {
      out.flush();
      err.flush();
      resolve({ code, output });
    });
  });
}

async function initdb(binDir: string, dir: string, target: PostgresTarget, runAs: RunAs | undefined, log: Log): Promise<void> {
  const args = ["-D", dir, "-U", target.user, "--encoding=UTF8", "--locale=C"];
  let pwDir: string | undefined;
  if (target.password) {
    pwDir = mkdtempSync(join(tmpdir(), "marquee-pw-"));
    const pwFile = join(pwDir, "pw");
    writeFileSync(pwFile, `${target.password}\n`, { mode: 0o600 });
    if (runAs) {
      chownSync(pwDir, runAs.uid, runAs.gid);
      chownSync(pwFile, runAs.uid, runAs.gid);
    }
    args.push("--auth=scram-sha-256", `--pwfile=${pwFile}`);
  } else {
    // No password in DATABASE_URL: trust, as the Debian and Docker dev setups do. Loopback only.
    args.push("--auth=trust");
  }
  try {
    const result = await run(join(binDir, "initdb"), args, runAs, () => {});
    if (result.code !== 0) throw new Error(`initdb failed: ${result.output.slice(-3).join(" | ")}`);
    log(`initialised ${displayPath(dir)}`);
  } finally {
    if (pwDir) rmSync(pwDir, { recursive: true, force: true });
  }
}

/**
 * Start PostgreSQL from locally installed binaries (as the postgres user when we are root, since
 * postgres refuses to run as root). Throws when no binaries exist or the server does not start.
 */
export async function startLocalPostgres(target: PostgresTarget, options: { dataDir?: string; log: Log }): Promise<ServiceHandle> {
  const { log } = options;
  const candidates = localPostgresBinDirs();
  if (candidates.length === 0) throw new Error("no initdb/pg_ctl/postgres on PATH or in /usr/lib/postgresql/*/bin");

  let runAs: RunAs | undefined;
  if (isRoot()) {
    runAs = userIds("postgres");
    if (!runAs) throw new Error('running as root and there is no "postgres" user to run the server as');
  }
  const dir = prepareDataDir(options.dataDir ?? defaultDataDir("postgres", target.port), target.port, runAs, log);
  const existingMajor = dataDirMajor(dir);
  const binaries = existingMajor === undefined ? candidates[0]! : candidates.find((candidate) => candidate.major === existingMajor);
  if (!binaries) {
    throw new Error(
      `${displayPath(dir)} holds a PostgreSQL ${existingMajor} cluster but only PostgreSQL ${candidates.map((c) => c.major).join("/")} binaries are installed; delete the directory to start afresh`,
    );
  }
  if (!existsSync(join(dir, "PG_VERSION"))) await initdb(binaries.dir, dir, target, runAs, log);

  const logFile = join(dir, "server.log");
  // No unix socket: /var/run/postgresql may not exist or may belong to another cluster.
  const serverOptions = `-p ${target.port} -c listen_addresses='${target.host}' -c unix_socket_directories=''`;
  const started = await run(join(binaries.dir, "pg_ctl"), ["start", "-D", dir, "-w", "-t", "60", "-l", logFile, "-o", serverOptions], runAs, () => {});
  if (started.code !== 0) throw new Error(`pg_ctl start failed: ${tail(logFile, 3) || started.output.slice(-2).join(" | ")}`);

  const pid = postmasterPid(dir);
  const forget = pid === undefined ? () => {} : onAbnormalExit(() => signalPid(pid, "SIGINT"));
  log(`PostgreSQL ${binaries.major} started on ${target.host}:${target.port} (data in ${displayPath(dir)}, log in ${displayPath(logFile)})`);

  let stopped = false;
  return {
    url: "",
    startedByUs: true,
    description: `PostgreSQL ${binaries.major} (local binaries, data in ${displayPath(dir)})`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      forget();
      const result = await run(join(binaries.dir, "pg_ctl"), ["stop", "-D", dir, "-m", "fast", "-w", "-t", "30"], runAs, () => {});
      if (result.code !== 0 && pid !== undefined) {
        signalPid(pid, "SIGQUIT");
        await waitForPidExit(pid, 5_000);
      }
      log(`PostgreSQL on ${target.host}:${target.port} stopped`);
    },
  };
}
