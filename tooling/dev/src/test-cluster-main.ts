import { rmSync } from "node:fs";
import { join } from "node:path";
import { inheritedEnv } from "./env.ts";
import { binDir, repoRoot } from "./paths.ts";
import { runInherited } from "./processes.ts";
import { startRedisCluster } from "./services/redis-cluster.ts";
import { addCounts, countsFromVitestReport, emptyCounts, failuresFromVitestReport, readJson, type Counts } from "./test-report.ts";

const FAILOVER_TEST = "src/services/booking/cluster-failover.integration.test.ts";

/**
 * The suites that run against the cluster, per workspace: vitest arguments. The failover test
 * kills a master, so it runs alone and last.
 */
export const CLUSTER_SUITES = [
  {
    workspace: "packages/api",
    args: [
      "--exclude",
      FAILOVER_TEST,
      "src/services/booking/",
      "src/services/queue/",
      "src/services/outbox/",
      "src/services/availability/",
      "src/services/checkout/",
      "src/lib/redis-lock",
      "src/rate-limit/",
    ],
  },
  { workspace: "apps/workers", args: ["src/jobs/", "src/roles/booking.integration", "src/roles/analytics-counters", "test/queues.integration"] },
  { workspace: "packages/api", args: [FAILOVER_TEST] },
] as const;

/** Where a suite's vitest JSON report goes (git-ignored, next to turbo's). */
const reportFile = (index: number) => join(".turbo", `cluster-report-${index}.json`);

export interface TClusterRun {
  counts: Counts;
  /** Each failed test by name, or a suite that failed without one. */
  failures: string[];
}

/**
 * Starts a local Redis Cluster (three masters, three replicas) on basePort.., runs CLUSTER_SUITES
 * against it with REDIS_CLUSTER_NODES set, stops it, and counts the tests from vitest's reports.
 */
export async function runClusterSuites(options: { basePort?: number; env?: NodeJS.ProcessEnv; log: (line: string) => void }): Promise<TClusterRun> {
  const cluster = await startRedisCluster({ basePort: options.basePort ?? 7301, log: options.log });
  options.log(`REDIS_CLUSTER_NODES=${cluster.nodes.join(",")}`);
  let counts = emptyCounts();
  const failures: string[] = [];
  try {
    for (const [index, suite] of CLUSTER_SUITES.entries()) {
      const cwd = join(repoRoot, suite.workspace);
      rmSync(join(cwd, reportFile(index)), { force: true });
      options.log(`${suite.workspace}: vitest run ${suite.args.join(" ")}`);
      const code = await runInherited(
        join(binDir, "vitest"),
        ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile(index)}`, ...suite.args],
        { cwd, env: { ...(options.env ?? inheritedEnv()), REDIS_CLUSTER_NODES: cluster.nodes.join(",") } },
      );
      const report = readJson(join(cwd, reportFile(index)));
      const suiteCounts = report === undefined ? emptyCounts() : countsFromVitestReport(report);
      const named = failuresFromVitestReport(report, cwd).map((failure) => `${suite.workspace} ${failure}`);
      // A run that failed without a failed test (a crash, no report) still fails once.
      if (code !== 0 && suiteCounts.failed === 0) suiteCounts.failed = 1;
      counts = addCounts(counts, suiteCounts);
      failures.push(...(named.length > 0 ? named : code !== 0 ? [`${suite.workspace} (exit code ${code})`] : []));
    }
  } finally {
    await cluster.stop();
  }
  return { counts, failures };
}

const basePortFrom = (argv: readonly string[]): number => {
  const index = argv.indexOf("--base-port");
  const port = index >= 0 ? Number(argv[index + 1]) : 7301;
  if (!Number.isInteger(port) || port < 1024 || port > 65_000) throw new Error(`--base-port must be a port number, not ${argv[index + 1]}`);
  return port;
};

export async function main(): Promise<void> {
  const started = Date.now();
  const { counts, failures } = await runClusterSuites({ basePort: basePortFrom(process.argv.slice(2)), log: (line) => console.info(`[cluster] ${line}`) });
  const seconds = Math.round((Date.now() - started) / 1000);
  for (const failure of failures) console.info(`  ${failure}`);
  console.info(`test:cluster: ${counts.passed} passed, ${counts.failed} failed in ${seconds} s`);
  process.exitCode = counts.failed === 0 && counts.passed > 0 ? 0 : 1;
}
