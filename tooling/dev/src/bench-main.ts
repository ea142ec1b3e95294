import { resolve } from "node:path";
import { ConfigError } from "@marquee/config/env";
import { loadRepoDotEnv } from "./cli.ts";
import { BENCHES, runBenches } from "./bench-all.ts";
import { inheritedEnv } from "./env.ts";
import { createLog } from "./log.ts";

const log = createLog("bench");

const option = (args: string[], name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

export async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = option(args, "--only")?.split(",");
  const unknown = only?.filter((bench) => !(BENCHES as readonly string[]).includes(bench)) ?? [];
  if (unknown.length > 0) throw new ConfigError(`Unknown bench ${unknown[0]} (one of ${BENCHES.join(", ")})`);
  const out = option(args, "--out");
  loadRepoDotEnv();
  const runs = await runBenches({
    env: inheritedEnv({ NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" }),
    log,
    benches: only,
    args: args.includes("--full") ? [] : ["--quick"],
    out: out ? resolve(out) : undefined,
  });
  const failed = runs.filter((run) => run.code !== 0);
  log(`${runs.length - failed.length}/${runs.length} benches ran to the end${failed.length ? `; failed: ${failed.map((run) => run.bench).join(", ")}` : ""}`);
  process.exitCode = failed.length ? 1 : 0;
}
