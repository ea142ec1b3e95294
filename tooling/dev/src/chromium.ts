import { ensureAptBinary } from "./apt-binary.ts";
import type { Log } from "./log.ts";

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
export function ensureChromium(options: EnsureChromiumOptions): Promise<void> {
  return ensureAptBinary({
    ...options,
    name: "Chromium",
    path: options.path ?? CHROMIUM_PATH,
    aptPackage: "chromium",
    otherwise: ", or run `npm test -- --no-e2e`",
  });
}
