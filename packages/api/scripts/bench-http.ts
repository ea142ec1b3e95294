// Benchmark: the public read paths through `next start` route handlers vs the standalone API
// server, against a bare node:http no-op server measured in the same run (method: ../bench/README.md).
// Prints req/s, p50/p95/p99 and ratios; it is a script, never a test.
//
//   npm run bench:http [-- --quick] [--duration 5] [--connections 16] [--rounds 2] [--no-next]
//
// Needs PostgreSQL and Redis (DATABASE_URL / REDIS_URL, defaults on 127.0.0.1). Makes a database
// of its own with the demo data and drops it at the end. Builds apps/web when its build lacks the
// REST routes. Servers run pinned to CPU 0, the load generator to CPU 1 (taskset), so they do not
// compete for a core.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { demoBenchDatabase } from "../bench/lib/demo-database.ts";
import { benchEnv, isQuick } from "../bench/lib/env.ts";
import { type Figures, freePort, median, noopServerSource, numberOption, pinSelf, runAutocannon, runBench, startServer, waitFor } from "../bench/lib/load.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const args = process.argv.slice(2);
const QUICK = isQuick(args);
const DURATION = numberOption(args, "duration", QUICK ? 1 : 5);
const CONNECTIONS = numberOption(args, "connections", 16);
const ROUNDS = numberOption(args, "rounds", QUICK ? 1 : 2);
const WITH_NEXT = !args.includes("--no-next");

const env: Record<string, string | undefined> = {
  ...benchEnv(),
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  // The limiter still runs on every request (one Redis call), but never trips during the load.
  RATE_LIMIT_POLL_PER_MINUTE: "1000000000",
  RATE_LIMIT_POLL_PER_CART_PER_MINUTE: "1000000000",
};

const start = (name: string, command: string[], cwd: string, extraEnv: Record<string, string>) => startServer(name, command, cwd, { ...env, ...extraEnv });
const run = (url: string, seconds: number): Promise<Figures> => runAutocannon({ url, connections: CONNECTIONS, duration: seconds });

async function main() {
  pinSelf();
  const webDir = join(root, "apps/web");
  if (WITH_NEXT && !existsSync(join(webDir, ".next/server/app/api/v1/[...path]/route.js"))) {
    console.info("Building apps/web (its build lacks the REST routes)...");
    execFileSync("npx", ["turbo", "run", "build", "--filter=@marquee/web", "--output-logs=errors-only"], {
      cwd: root,
      env: env as NodeJS.ProcessEnv,
      stdio: "inherit",
    });
  }
  // A database of the run's own with the demo data (its events are what the paths read).
  const databaseUrl = await demoBenchDatabase(env.DATABASE_URL!);
  const [barePort, apiPort, nextPort] = await Promise.all([freePort(), freePort(), freePort()]);
  start("bare", [process.execPath, "-e", noopServerSource(barePort)], root, {});
  start("api", [process.execPath, "--import", "tsx", "packages/api/src/http/standalone-main.ts"], root, {
    DATABASE_URL: databaseUrl,
    API_PORT: String(apiPort),
    API_HOST: "127.0.0.1",
  });
  if (WITH_NEXT)
    start("next", [join(root, "node_modules/.bin/next"), "start", "--port", String(nextPort)], webDir, {
      DATABASE_URL: databaseUrl,
      WEB_URL: `http://localhost:${nextPort}`,
    });

  const bare = `http://127.0.0.1:${barePort}/`;
  const api = `http://127.0.0.1:${apiPort}`;
  const next = `http://127.0.0.1:${nextPort}`;
  await Promise.all([waitFor(bare), waitFor(`${api}/healthz`), ...(WITH_NEXT ? [waitFor(`${next}/api/openapi.json`)] : [])]);

  const events = (await (await fetch(`${api}/api/v1/events?limit=1`)).json()) as { slug: string }[];
  if (!Array.isArray(events) || !events[0]) throw new Error(`No published events in the run's database: ${JSON.stringify(events).slice(0, 200)}`);
  const slug = events[0].slug;

  const targets: [string, string][] = [
    ["bare node:http no-op", bare],
    // A static answer: what each server costs by itself, without PostgreSQL.
    ["standalone /api/openapi.json", `${api}/api/openapi.json`],
    ["standalone REST listEvents", `${api}/api/v1/events`],
    ["standalone REST getEvent", `${api}/api/v1/events/${slug}`],
    ["standalone tRPC event.list", `${api}/api/trpc/event.list`],
    ...(WITH_NEXT
      ? ([
          ["next start /api/openapi.json", `${next}/api/openapi.json`],
          ["next start REST listEvents", `${next}/api/v1/events`],
          ["next start REST getEvent", `${next}/api/v1/events/${slug}`],
          ["next start tRPC event.list", `${next}/api/trpc/event.list`],
        ] as [string, string][])
      : []),
  ];
  console.info(`bench:http ${new Date().toISOString()}${QUICK ? " (--quick)" : ""}`);
  for (const [, url] of targets) await run(url, 1); // warm-up: JIT, pools, Next's route compilation

  const rounds = new Map<string, Figures[]>(targets.map(([name]) => [name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate: every target once per round, the baseline first (A B A B).
    for (const [name, url] of targets) rounds.get(name)!.push(await run(url, DURATION));
  }

  const summary = targets.map(([name]) => {
    const figures = rounds.get(name)!;
    return {
      name,
      rps: median(figures.map((f) => f.rps)),
      p50: median(figures.map((f) => f.p50)),
      p95: median(figures.map((f) => f.p95)),
      p99: median(figures.map((f) => f.p99)),
      errors: figures.reduce((sum, f) => sum + f.errors, 0),
    };
  });
  const baseline = summary[0]!.rps;
  console.info(`\n${CONNECTIONS} connections, ${ROUNDS} rounds x ${DURATION} s, medians; servers on CPU 0, autocannon on CPU 1\n`);
  console.info(
    `${"path".padEnd(30)} ${"req/s".padStart(9)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"vs bare".padStart(8)} ${"non-2xx".padStart(8)}`,
  );
  for (const row of summary) {
    console.info(
      `${row.name.padEnd(30)} ${row.rps.toFixed(0).padStart(9)} ${row.p50.toFixed(1).padStart(8)} ${row.p95.toFixed(1).padStart(8)} ${row.p99.toFixed(1).padStart(8)} ${`${(row.rps / baseline).toFixed(2)}x`.padStart(8)} ${String(row.errors).padStart(8)}`,
    );
  }
  if (WITH_NEXT) {
    console.info("");
    for (const what of ["/api/openapi.json", "REST listEvents", "REST getEvent", "tRPC event.list"]) {
      const standalone = summary.find((row) => row.name === `standalone ${what}`)!;
      const viaNext = summary.find((row) => row.name === `next start ${what}`)!;
      console.info(`${what}: standalone / next start = ${(standalone.rps / viaNext.rps).toFixed(1)}x`);
    }
  }
}

runBench(main);
