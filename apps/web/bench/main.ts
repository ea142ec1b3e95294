// Benchmark: the customer site's pages under load, through `next start`, against a static file
// served by the same server in the same run (packages/api/bench/README.md: same-run baselines, A B A B rounds,
// medians). Prints req/s and p50/p95/p99 per page, the ratio to the static file, and the p95 goal.
//
//   npm run bench:web [-- --quick] [--duration 10] [--connections 50,200] [--rounds 2]
//
// Needs PostgreSQL and Redis on their default ports (or DATABASE_URL / REDIS_URL). Builds
// apps/web through turbo (a cache hit when nothing changed), creates a database of its own with
// the demo data plus 40 more events, and drops it at the end. `next start` runs pinned to CPU 0,
// autocannon to CPU 1.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { demoBenchDatabase } from "@marquee/api/bench/lib/demo-database";
import { type Figures, freePort, numberOption, pinSelf, runAutocannon, runBench, startServer, summarise, waitFor } from "@marquee/api/bench/lib/load";
import type { Db } from "@marquee/db";
import { createFactories } from "@marquee/db/testing";
import { benchEnv, isQuick } from "./env.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const webDir = join(root, "apps/web");
const args = process.argv.slice(2);
const QUICK = isQuick(args);
const DURATION = numberOption(args, "duration", QUICK ? 2 : 10);
/** `--connections 50,200`: the load levels, each measured on its own. */
const CONNECTION_LEVELS = (args.includes("--connections") ? args[args.indexOf("--connections") + 1]! : QUICK ? "50" : "50,200").split(",").map(Number);
const ROUNDS = numberOption(args, "rounds", QUICK ? 1 : 2);
const P95_GOAL_MS = 200;
const EXTRA_EVENTS = 40;

/** More events beside the demo organiser's three, to fill the listing. */
async function addBenchEvents(db: Db, organizationId: string): Promise<void> {
  const venue = await db.venue.findFirstOrThrow({ where: { organizationId } });
  const make = createFactories(db);
  const day = 24 * 3_600_000;
  for (let index = 0; index < EXTRA_EVENTS; index++) {
    const startsAt = new Date(Date.now() + (8 + index) * day);
    const event = await make.event(organizationId, venue.id, {
      name: `Bench Night ${index + 1}`,
      slug: `bench-night-${index + 1}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
    });
    await make.ticketType(event.id, { name: "Standing", capacity: 500 }, 2900 + index * 100);
  }
}

async function main() {
  pinSelf();
  console.info(`bench:web ${new Date().toISOString()}${QUICK ? " (--quick)" : ""}`);
  // Production mode has no secret defaults: benchEnv gives the run's own (the pages never pay or admit anyone).
  const env = benchEnv();
  console.info("Building apps/web (turbo; cached when nothing changed)...");
  execFileSync("npx", ["turbo", "run", "build", "--filter=@marquee/web", "--output-logs=errors-only"], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    stdio: "inherit",
  });
  const databaseUrl = await demoBenchDatabase(env.DATABASE_URL!, addBenchEvents);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  startServer("next", [join(root, "node_modules/.bin/next"), "start", "--port", String(port)], webDir, {
    ...env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    WEB_URL: `http://localhost:${port}`,
    // The limiter still runs on the browser's own reads, but never trips during the load.
    RATE_LIMIT_POLL_PER_MINUTE: "1000000000",
    RATE_LIMIT_POLL_PER_CART_PER_MINUTE: "1000000000",
  });
  await waitFor(`${base}/robots.txt`);

  const targets: [string, string][] = [
    ["static file /robots.txt", `${base}/robots.txt`],
    ["event listing /", `${base}/`],
    ["event page (GA)", `${base}/events/northern-lights-live`],
    ["event page (reserved)", `${base}/events/hamlet-reserved`],
    ["search /search?q=night", `${base}/search?q=night`],
  ];
  for (const [name, url] of targets) {
    const response = await fetch(url);
    if (response.status !== 200) throw new Error(`${name}: ${url} answered ${response.status}`);
    console.info(`${name}: ${(await response.arrayBuffer()).byteLength} bytes, cache-control "${response.headers.get("cache-control")}"`);
  }
  for (const [, url] of targets) await runAutocannon({ url, connections: 50, duration: QUICK ? 1 : 2 }); // warm-up

  // Each level on its own: A B A B over the pages, medians per page.
  for (const connections of CONNECTION_LEVELS) {
    const rounds = new Map<string, Figures[]>(targets.map(([name]) => [name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, url] of targets) rounds.get(name)!.push(await runAutocannon({ url, connections, duration: DURATION }));
    }
    printLevel(
      connections,
      targets.map(([name]) => ({ name, ...summarise(rounds.get(name)!) })),
    );
  }
}

function printLevel(connections: number, summary: (Figures & { name: string })[]) {
  const baseline = summary[0]!;
  console.info(`\n${connections} connections, ${ROUNDS} rounds x ${DURATION} s, medians; next start on CPU 0, autocannon on CPU 1\n`);
  console.info(
    `${"page".padEnd(26)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"req/s vs static".padStart(16)} ${"p95 < 200".padStart(10)} ${"errors".padStart(8)}`,
  );
  for (const row of summary) {
    const ratio = `${(row.rps / baseline.rps).toFixed(2)}x`;
    const goal = row.p95 < P95_GOAL_MS ? "yes" : "NO";
    console.info(
      `${row.name.padEnd(26)} ${row.rps.toFixed(0).padStart(8)} ${row.p50.toFixed(1).padStart(8)} ${row.p95.toFixed(1).padStart(8)} ${row.p99.toFixed(1).padStart(8)} ${ratio.padStart(16)} ${goal.padStart(10)} ${String(row.errors).padStart(8)}`,
    );
  }
  for (const row of summary.filter((candidate) => Object.keys(candidate.statuses).some((status) => status !== "200")))
    console.info(`${row.name}: answers by status ${JSON.stringify(row.statuses)}`);
}

runBench(main);
