import { existsSync } from "node:fs";
import { ConfigError } from "@marquee/config/env";
import { inheritedEnv, isRoot } from "./env.ts";
import type { Log } from "./log.ts";
import { runInherited } from "./processes.ts";

export interface EnsureAptBinaryOptions {
  /** What the messages call it: "Chromium", "promtool". */
  name: string;
  /** The binary Debian's package installs, e.g. /usr/bin/chromium. */
  path: string;
  /** The Debian package that brings it. */
  aptPackage: string;
  /** Said to a non-root user after the install command, e.g. ", or run `npm test -- --no-e2e`". */
  otherwise?: string;
  root?: boolean;
  log: Log;
  /** Runs a command with its output shown; resolves with the exit code. */
  run?: (command: string, args: string[]) => Promise<number>;
}

/**
 * A binary from Debian's packages: present, installed with apt-get (as root, as CI runs), or a
 * one-line ConfigError saying how to get it.
 */
export async function ensureAptBinary(options: EnsureAptBinaryOptions): Promise<void> {
  const { name, path, aptPackage } = options;
  if (existsSync(path)) return;
  if (!(options.root ?? isRoot())) {
    throw new ConfigError(`${name} is missing (${path}): install it with \`sudo apt-get install -y ${aptPackage}\`${options.otherwise ?? ""}`);
  }
  const env = inheritedEnv({ DEBIAN_FRONTEND: "noninteractive" });
  const run = options.run ?? ((command: string, args: string[]) => runInherited(command, args, { env }));
  options.log(`${name} is missing: running \`apt-get update && apt-get install -y ${aptPackage}\``);
  const updated = await run("apt-get", ["update"]);
  const installed = updated === 0 ? await run("apt-get", ["install", "-y", aptPackage]) : updated;
  if (installed !== 0 || !existsSync(path)) {
    throw new ConfigError(`Installing ${name} failed (apt-get exited with ${installed}): install it with \`apt-get install -y ${aptPackage}\``);
  }
}
