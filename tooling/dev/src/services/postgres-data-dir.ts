import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { dataDir, repoRoot } from "../paths.ts";
import type { Log } from "../log.ts";

export interface RunAs {
  uid: number;
  gid: number;
}

/** .data/<name> for the default port, .data/<name>-<port> otherwise (servers can run side by side). */
export const defaultDataDir = (name: string, port: number): string => dataDir(port === 5432 ? name : `${name}-${port}`);

/** Whether a user can write a directory (and so traverse every parent of it). */
function userCanWrite(dir: string, runAs: RunAs): boolean {
  const result = spawnSync("test", ["-w", dir, "-a", "-x", dir], { uid: runAs.uid, gid: runAs.gid, cwd: "/", stdio: "ignore" });
  return result.status === 0;
}

function ensureOwnedDir(dir: string, runAs: RunAs | undefined): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (runAs && readdirSync(dir).length === 0) chownSync(dir, runAs.uid, runAs.gid);
}

/**
 * The data directory to use. As root the server runs as the postgres user, which may not be able
 * to reach a checkout under /root: then fall back to a directory under the system temp dir.
 */
export function prepareDataDir(preferred: string, port: number, runAs: RunAs | undefined, log: Log): string {
  ensureOwnedDir(preferred, runAs);
  if (!runAs || userCanWrite(preferred, runAs)) return preferred;
  const fallback = join(tmpdir(), `marquee-postgres-${port}`);
  log(`the postgres user cannot reach ${preferred}; using ${fallback} instead`);
  ensureOwnedDir(fallback, runAs);
  if (!userCanWrite(fallback, runAs)) throw new Error(`the postgres user cannot write ${preferred} or ${fallback}`);
  return fallback;
}

/** Major version an existing data directory was created with. */
export function dataDirMajor(dir: string): number | undefined {
  const file = join(dir, "PG_VERSION");
  return existsSync(file) ? Number(readFileSync(file, "utf8").trim()) : undefined;
}

/** The postmaster's pid from postmaster.pid (first line). */
export function postmasterPid(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The last lines of a log file (none when it cannot be read). */
export function lastLines(file: string, lines: number): string[] {
  try {
    return readFileSync(file, "utf8").trim().split("\n").slice(-lines);
  } catch {
    return [];
  }
}

/** Last lines of a log file on one line, for error messages. */
export const tail = (file: string, lines = 5): string => lastLines(file, lines).join(" | ");

export const displayPath = (dir: string): string => {
  const rel = relative(repoRoot, dir);
  return rel.startsWith("..") ? dir : rel;
};
