import { execFile } from "node:child_process";
import { ensureAptBinary } from "@marquee/dev/apt-binary";
import type { Log } from "@marquee/dev/log";

/** promtool from Debian's prometheus package. */
export const PROMTOOL_PATH = "/usr/bin/promtool";

/** promtool present, installed with apt-get as root (CI), or a one-line ConfigError saying how to get it. */
export function ensurePromtool(options: {
  log: Log;
  path?: string;
  root?: boolean;
  run?: (command: string, args: string[]) => Promise<number>;
}): Promise<void> {
  return ensureAptBinary({ ...options, name: "promtool", path: options.path ?? PROMTOOL_PATH, aptPackage: "prometheus" });
}

/** Runs promtool in `cwd`; resolves with its exit code and output (stdout and stderr). */
export function promtool(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(PROMTOOL_PATH, args, { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}`.trim() });
    });
  });
}
