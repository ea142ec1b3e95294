import { accessSync, constants, readdirSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { pathDirectories } from "../env.ts";

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** First directory (PATH first, then the extra ones) that holds every named executable. */
export function findExecutableDir(names: readonly string[], extraDirs: readonly string[] = []): string | undefined {
  const dirs = [...pathDirectories(), ...extraDirs];
  return dirs.find((dir) => names.every((name) => isExecutable(join(dir, name))));
}

export const findExecutable = (name: string, extraDirs: readonly string[] = []): string | undefined => {
  const dir = findExecutableDir([name], extraDirs);
  return dir === undefined ? undefined : join(dir, name);
};

/** Debian/Ubuntu keep server binaries in /usr/lib/postgresql/<major>/bin, newest first here. */
export function debianPostgresBinDirs(root = "/usr/lib/postgresql"): string[] {
  try {
    return readdirSync(root)
      .filter((name) => /^\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number(b) - Number(a))
      .map((name) => join(root, name, "bin"));
  } catch {
    return [];
  }
}

/** uid/gid of a system user, or undefined when it does not exist. */
export function userIds(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}
