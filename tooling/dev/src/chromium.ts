import { existsSync } from "node:fs";
import { ConfigError } from "@marquee/config/env";
import { inheritedEnv, isRoot } from "./env.ts";
import type { Log } from "./log.ts";
import { runInherited } from "./processes.ts";

/** Where the e2e suite expects Chromium (Debian's package; Playwright's download fails here). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

export interface EnsureChromiumOptions {
  path?: string;
  root?: boolean;
  log: Log;
  /** Runs a command with its output shown; resolves with the exit code. */
  run?: (command: string, args: string[]) => Promise<number>;
}

/** Chromium present, installed with apt-get (as root), or a one-line ConfigError saying how to get it. */
export async function ensureChromium(options: EnsureChromiumOptions): Promise<void> {
  const path = options.path ?? CHROMIUM_PATH;
  if (existsSync(path)) return;
  if (!(options.root ?? isRoot())) {
    throw new ConfigError(`Chromium is missing (${path}): install it with \`sudo apt-get install -y chromium\`, or run \`npm test -- --no-e2e\``);
  }
  const env = inheritedEnv({ DEBIAN_FRONTEND: "noninteractive" });
  const run = options.run ?? ((command: string, args: string[]) => runInherited(command, args, { env }));
  options.log("Chromium is missing: running `apt-get update && apt-get install -y chromium`");
  const updated = await run("apt-get", ["update"]);
  const installed = updated === 0 ? await run("apt-get", ["install", "-y", "chromium"]) : updated;
  if (installed !== 0 || !existsSync(path)) {
    throw new ConfigError(`Installing Chromium failed (apt-get exited with ${installed}): install it with \`apt-get install -y chromium\``);
  }
}
