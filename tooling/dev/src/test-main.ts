// `npm test` (entry: test.ts): the whole suite. PostgreSQL and Redis found or started, Chromium ensured, then
// typecheck + lint + the Prettier format check, the vitest suites (unit and integration), a smoke
// run of each benchmark with --quick, the Playwright e2e suite and the abuse suite
// (tooling/security, on the builds e2e just made). The last line is always the summed
// `N passed, N failed[, N skipped]`; the exit code says if anything failed.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "@marquee/config/env";
import { loadRepoDotEnv, onShutdownSignal } from "./cli.ts";
import { runBenches } from "./bench-all.ts";
import { ensureChromium } from "./chromium.ts";
import { defaultNodeEnvForTests, inheritedEnv, readDevEnv } from "./env.ts";
import { createLog } from "./log.ts";
import { binDir, repoRoot } from "./paths.ts";
import { runInherited } from "./processes.ts";
import { runClusterSuites } from "./test-cluster-main.ts";
import { createDatabaseIfMissing } from "./services/postgres.ts";
import { startLocalServices, stopServices, type LocalServices } from "./services/start-all.ts";
import {
  addCounts,
  countsFromCheckTasks,
  countsFromPlaywrightReport,
  countsFromTestTasks,
  emptyCounts,
  failuresFromPlaywrightReport,
  failuresFromVitestReport,
  formatCounts,
  formatFailures,
  readJson,
  tasksFromTurboSummary,
  turboRunFiles,
  type Counts,
} from "./test-report.ts";
import { workspaces } from "./workspaces.ts";

const VITEST_REPORT = join(".turbo", "vitest-report.json");
const E2E_PACKAGE = "@marquee/e2e";
const SECURITY_PACKAGE = "@marquee/security";
const log = createLog("test");
/** Every failure of this run by name, printed again just above the last line so a log's tail names them. */
const failures: string[] = [];

/** `turbo run <args> --summarize`, streamed; returns the exit code and the tasks of its summary. */
async function turbo(args: string[], env: NodeJS.ProcessEnv) {
  const before = turboRunFiles(repoRoot);
  const code = await runInherited(join(binDir, "turbo"), ["run", ...args], { cwd: repoRoot, env });
  const summary = [...turboRunFiles(repoRoot)].find((file) => !before.has(file));
  return { code, tasks: summary ? tasksFromTurboSummary(readJson(summary)) : [] };
}

/** Logs a step's counts; `details` name its failed tests, else the failed tasks stand for them in the recap. */
function report(step: string, counts: Counts, failed: readonly string[], exitCode: number, details: readonly string[] = []): Counts {
  // A step that failed without a single counted failure (turbo could not even start) still fails.
  const total = exitCode !== 0 && counts.failed === 0 ? { ...counts, failed: 1 } : counts;
  log(`${step}: ${formatCounts(total)}${failed.length > 0 ? ` (failed: ${failed.join(", ")})` : ""}`);
  if (details.length > 0) failures.push(...details.map((detail) => `${step}: ${detail}`));
  else if (total.failed > 0) failures.push(`${step}: ${failed.length > 0 ? failed.join(", ") : `exit code ${exitCode}`}`);
  return total;
}

// format:check is a root task (`//#format:check`, Prettier over the whole tree): one more check.
const CHECKS = ["typecheck", "lint", "format:check"];

async function checks(env: NodeJS.ProcessEnv): Promise<Counts> {
  const run = await turbo([...CHECKS, "--continue", "--summarize"], env);
  const { counts, failed } = countsFromCheckTasks(run.tasks, CHECKS);
  return report("typecheck + lint + format", counts, failed, run.code);
}

async function unitAndIntegration(env: NodeJS.ProcessEnv): Promise<Counts> {
  const packages = workspaces(repoRoot);
  for (const dir of packages.values()) rmSync(join(dir, VITEST_REPORT), { force: true });
  // Flags after -- reach every package's `vitest run`: a JSON report next to each package, and no
  // failure for a package that has no tests yet.
  const vitestArgs = ["--passWithNoTests", "--reporter=default", "--reporter=json", `--outputFile.json=${VITEST_REPORT}`];
  // Two packages at a time: each vitest run already uses both cores, and timing-sensitive
  // integration tests (races, TTL boundaries) should not starve behind four others.
  const run = await turbo(["test", `--filter=!${E2E_PACKAGE}`, "--concurrency=2", "--continue", "--summarize", "--", ...vitestArgs], env);
  const reportOf = (name: string) => {
    const dir = packages.get(name);
    return dir ? readJson(join(dir, VITEST_REPORT)) : undefined;
  };
  const { counts, failed } = countsFromTestTasks(run.tasks, reportOf);
  // Each failed test by name; a failed task without one (a crash, a generate step) by its id.
  const details = run.tasks
    .filter((task) => task.exitCode !== 0)
    .flatMap((task) => {
      const named = task.task === "test" ? failuresFromVitestReport(reportOf(task.packageName), packages.get(task.packageName)) : [];
      return named.length > 0 ? named.map((failure) => `${task.packageName} ${failure}`) : [`${task.taskId} (exit code ${task.exitCode ?? "none"})`];
    });
  return report("unit + integration", counts, failed, run.code, details);
}

/** `npm run test:cluster`'s suites: the Redis work of holds, the waiting room, the outbox and the jobs on a local Redis Cluster, and a failover mid-sale. */
async function redisCluster(env: NodeJS.ProcessEnv): Promise<Counts> {
  const run = await runClusterSuites({ env, log: (line) => log(`cluster: ${line}`) });
  return report("redis cluster", run.counts, run.failures.length > 0 ? ["redis cluster"] : [], run.counts.failed > 0 ? 1 : 0, run.failures);
}

/**
 * Smoke runs of the benchmarks (`npm run bench`'s quick settings): each must still run to its end
 * and exit 0 from what `npm test` has (PostgreSQL and Redis). Their figures are written to
 * bench/results/latest.md, never judged: one passed/failed entry per bench.
 */
async function benches(env: NodeJS.ProcessEnv): Promise<Counts> {
  const runs = await runBenches({ env, log });
  const failed = runs.filter((run) => run.code !== 0).map((run) => run.bench);
  return report("benches (--quick)", { passed: runs.length - failed.length, failed: failed.length, skipped: 0 }, failed, failed.length === 0 ? 0 : 1);
}

async function endToEnd(env: NodeJS.ProcessEnv): Promise<Counts> {
  const reportFile = join(repoRoot, "e2e", "test-results", "report.json");
  rmSync(reportFile, { force: true });
  const code = await runInherited("npm", ["run", "test:e2e", "--", "--", "--reporter=list,json", "--pass-with-no-tests"], {
    cwd: repoRoot,
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: reportFile },
  });
  const json = readJson(reportFile);
  const counts = json === undefined ? emptyCounts() : countsFromPlaywrightReport(json);
  return report("e2e", counts, code === 0 ? [] : [E2E_PACKAGE], code, failuresFromPlaywrightReport(json));
}

/** `npm run test:security`: one check per attack family, read from the suite's JSON report. */
async function security(env: NodeJS.ProcessEnv): Promise<Counts> {
  const reportFile = join(repoRoot, "tooling", "security", "test-results", "report.json");
  rmSync(reportFile, { force: true });
  const code = await runInherited("npm", ["run", "test:security"], { cwd: repoRoot, env: { ...env, SECURITY_REPORT_FILE: reportFile } });
  const json = readJson(reportFile) as { passed?: unknown; failed?: unknown; results?: { attack?: string; letThrough?: number; error?: string }[] } | undefined;
  const counts = { passed: Number(json?.passed) || 0, failed: Number(json?.failed) || 0, skipped: 0 };
  const details = (json?.results ?? [])
    .filter((result) => (result.letThrough ?? 0) > 0 || result.error)
    .map((result) => `${result.attack ?? "?"}: ${result.error ?? `${result.letThrough} let through`}`);
  return report("security", counts, code === 0 ? [] : [SECURITY_PACKAGE], code, details);
}

/** A step with its wall time logged after it, so a slow CI run says where its minutes went. */
async function timed(step: string, run: () => Promise<Counts>): Promise<Counts> {
  const startedAt = performance.now();
  try {
    return await run();
  } finally {
    log(`${step} took ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
  }
}

const OPTIONS = ["--no-e2e", "--no-security", "--no-benches", "--no-cluster"];

export async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => !OPTIONS.includes(arg));
  if (unknown.length > 0) throw new ConfigError(`Unknown option ${unknown[0]} (usage: npm test [-- --no-e2e] [--no-security] [--no-benches] [--no-cluster])`);
  const withE2e = !args.includes("--no-e2e");
  const withSecurity = !args.includes("--no-security");
  const withBenches = !args.includes("--no-benches");
  const withCluster = !args.includes("--no-cluster");
  const startedAt = performance.now();
  loadRepoDotEnv();
  defaultNodeEnvForTests();
  const devEnv = readDevEnv();

  let services: LocalServices = {};
  onShutdownSignal(() => stopServices(services));
  services = await startLocalServices(devEnv, {
    include: ["postgres", "redis"],
    redisPersistence: "none",
    onStarted: (name, handle, ms) => log(`${name}: ${handle.description} - ${Math.round(ms)} ms`),
  });
  let total = emptyCounts();
  try {
    if (await createDatabaseIfMissing(devEnv.DATABASE_URL)) log(`created the database of DATABASE_URL`);
    if (withE2e) await ensureChromium({ log });
    const env = inheritedEnv({ NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" });
    total = addCounts(total, await timed("typecheck + lint + format", () => checks(env)));
    total = addCounts(total, await timed("unit + integration", () => unitAndIntegration(env)));
    if (withCluster) total = addCounts(total, await timed("redis cluster", () => redisCluster(env)));
    if (withBenches) total = addCounts(total, await timed("benches", () => benches(env)));
    if (withE2e) total = addCounts(total, await timed("e2e", () => endToEnd(env)));
    if (withSecurity) total = addCounts(total, await timed("security", () => security(env)));
  } finally {
    await stopServices(services);
  }
  log(`finished in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
  for (const line of formatFailures(failures)) console.info(line);
  console.info(formatCounts(total));
  process.exitCode = total.failed > 0 ? 1 : 0;
}
