import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Workspace package name -> directory, from the root package.json's `workspaces` ("dir" or "dir/*"). */
export function workspaces(root: string): Map<string, string> {
  const { workspaces: patterns = [] } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { workspaces?: string[] };
  const dirs = patterns.flatMap((pattern) => {
    if (!pattern.endsWith("/*")) return [join(root, pattern)];
    const parent = join(root, pattern.slice(0, -2));
    return existsSync(parent) ? readdirSync(parent).map((name) => join(parent, name)) : [];
  });
  const result = new Map<string, string>();
  for (const dir of dirs) {
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const { name } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string };
    if (name) result.set(name, dir);
  }
  return result;
}
