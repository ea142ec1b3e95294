import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The facts of the repository the manifests must agree with, read from its files. */

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const KUBERNETES_DIR = join(REPO_ROOT, "deploy", "kubernetes");

const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");

/** A Dockerfile's instructions with their continuation lines joined and comments dropped. */
function instructions(dockerfile: string): string[] {
  return read(dockerfile)
    .split("\n")
    .filter((line) => !/^\s*#/.test(line))
    .join("\n")
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((line) => line.trim() !== "");
}

/** The ports of a Dockerfile's EXPOSE lines ("50051-50055" is a range). */
export function dockerfileExposedPorts(dockerfile: string): Set<number> {
  const ports = new Set<number>();
  for (const line of instructions(dockerfile)) {
    const match = /^\s*EXPOSE\s+(.+)$/i.exec(line);
    if (!match) continue;
    for (const token of match[1]!.trim().split(/\s+/)) {
      const [from, to = from] = token
        .replace(/\/(tcp|udp)$/i, "")
        .split("-")
        .map(Number);
      for (let port = from!; port <= to!; port++) ports.add(port);
    }
  }
  return ports;
}

/** The variables a Dockerfile's ENV lines set (last stage wins), with their values. */
export function dockerfileEnv(dockerfile: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of instructions(dockerfile)) {
    const match = /^\s*ENV\s+(.+)$/i.exec(line);
    if (!match) continue;
    for (const pair of match[1]!.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) env.set(pair[1]!, pair[2]!.replace(/^"|"$/g, ""));
  }
  return env;
}

/** start-app.sh's default port per APP (`web) default_port=3000 ;;`). */
export function startAppPorts(): Map<string, number> {
  return new Map([...read("docker/start-app.sh").matchAll(/^\s*([a-z-]+)\)\s*default_port=(\d+)\s*;;/gm)].map((match) => [match[1]!, Number(match[2])]));
}

/** .env.example's variables, set or commented out (`# NAME=value`), with their values. */
export function envExampleVariables(): Map<string, string> {
  return new Map([...read(".env.example").matchAll(/^(?:#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => [match[1]!, match[2]!.trim()]));
}

function envFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules" || entry.name === "bench") return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return envFiles(path);
    return entry.name === "env.ts" ? [path] : [];
  });
}

/** Every variable name the apps' and packages' env.ts files read: schema keys and `source.NAME`. */
export function envTsVariables(): Set<string> {
  const names = new Set<string>();
  const files = [...envFiles("apps"), ...envFiles("packages")];
  for (const file of files) {
    const text = read(file);
    for (const match of text.matchAll(/(?:^|[\s{,])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+):/gm)) names.add(match[1]!);
    for (const match of text.matchAll(/(?:source|process\.env)(?:\.|\?\.|\[")([A-Z][A-Z0-9_]+)/g)) names.add(match[1]!);
  }
  return names;
}

/** The SOKETI_* variables Soketi's CLI reads (its envVariables table), from the installed Soketi. */
export function soketiVariables(): { version: string; names: Set<string> } {
  const require = createRequire(join(REPO_ROOT, "tooling", "dev", "package.json"));
  const root = dirname(require.resolve("@soketi/soketi/package.json"));
  const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
  const cli = readFileSync(join(root, "dist", "cli", "cli.js"), "utf8");
  const table = /this\.envVariables\s*=\s*\{([\s\S]*?)\};/.exec(cli);
  if (!table) throw new Error("Soketi's cli.js has no envVariables table");
  return { version, names: new Set([...table[1]!.matchAll(/^\s*([A-Z][A-Z0-9_]*):/gm)].map((match) => `SOKETI_${match[1]}`)) };
}

/** The version of Soketi the launcher accepts (tooling/dev/soketi/marquee-soketi.cjs). */
export function launcherSoketiVersion(): string {
  const match = /const SOKETI_VERSION = "([^"]+)"/.exec(read("tooling/dev/soketi/marquee-soketi.cjs"));
  if (!match) throw new Error("marquee-soketi.cjs names no SOKETI_VERSION");
  return match[1]!;
}

export interface TSecretKey {
  key: string;
  required: boolean;
}

/**
 * deploy/kubernetes/README.md's table of the Secret's keys (the rows of the table under the
 * "Secret" heading: `| \`KEY\` | required or optional | ... |`) and the keys of its
 * `kubectl create secret generic` command.
 */
export function readmeSecrets(): { keys: TSecretKey[]; createCommandKeys: Set<string> } {
  const readme = read("deploy/kubernetes/README.md");
  const section = /^## Secret `marquee-secrets`\n([\s\S]*?)(?=^## )/m.exec(readme);
  if (!section) throw new Error("deploy/kubernetes/README.md has no '## Secret `marquee-secrets`' section");
  const keys = [...section[1]!.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|\s*(required|optional)\s*\|/gm)].map((match) => ({
    key: match[1]!,
    required: match[2] === "required",
  }));
  const command = /kubectl\b[^\n]*create secret generic marquee-secrets[\s\S]*?```/.exec(section[1]!);
  const createCommandKeys = new Set(command ? [...command[0].matchAll(/--from-(?:literal|file)=([A-Z][A-Z0-9_]*)=/g)].map((match) => match[1]!) : []);
  return { keys, createCommandKeys };
}
