import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root (tooling/dev/src -> ../../..). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Local state of services started by the tooling (git-ignored). */
export function dataDir(...segments: string[]): string {
  const dir = join(repoRoot, ".data", ...segments);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const binDir = join(repoRoot, "node_modules", ".bin");
