// Pass/fail counting for `npm test`: vitest and Playwright JSON reports plus turbo run summaries.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export const emptyCounts = (): Counts => ({ passed: 0, failed: 0, skipped: 0 });

export const addCounts = (a: Counts, b: Counts): Counts => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped });

/** The last line of `npm test`: `N passed, N failed` plus `, N skipped` when any were skipped. */
export function formatCounts(counts: Counts): string {
  return `${counts.passed} passed, ${counts.failed} failed${counts.skipped > 0 ? `, ${counts.skipped} skipped` : ""}`;
}

const num = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);

/** A test file that failed with no failing test in it (it did not load, or a hook threw). */
const brokenFiles = (results: unknown): number =>
  (Array.isArray(results) ? results : []).filter((file: { status?: unknown; assertionResults?: { status?: unknown }[] }) => {
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === "failed").length;
    return file.status === "failed" && failedTests === 0;
  }).length;

/** vitest's JSON reporter (jest-compatible totals); a file that failed without a failing test counts as one failure. */
export function countsFromVitestReport(report: unknown): Counts {
  const r = (report ?? {}) as Record<string, unknown>;
  return {
    passed: num(r.numPassedTests),
    failed: num(r.numFailedTests) + brokenFiles(r.testResults),
    skipped: num(r.numPendingTests) + num(r.numTodoTests),
  };
}

/** Playwright's JSON reporter: flaky tests passed on retry, so they count as passed. */
export function countsFromPlaywrightReport(report: unknown): Counts {
  const stats = ((report ?? {}) as { stats?: Record<string, unknown> }).stats ?? {};
  return {
    passed: num(stats.expected) + num(stats.flaky),
    failed: num(stats.unexpected),
    skipped: num(stats.skipped),
  };
}

export interface TurboTaskResult {
  taskId: string;
  task: string;
  packageName: string;
  exitCode: number | null;
}

/** Tasks of a `turbo run --summarize` summary (.turbo/runs/<id>.json). */
export function tasksFromTurboSummary(summary: unknown): TurboTaskResult[] {
  const tasks = ((summary ?? {}) as { tasks?: unknown[] }).tasks ?? [];
  return tasks.map((entry) => {
    const task = entry as { taskId?: string; task?: string; package?: string; execution?: { exitCode?: number } | null };
    return {
      taskId: task.taskId ?? "?",
      task: task.task ?? "?",
      packageName: task.package ?? "?",
      exitCode: typeof task.execution?.exitCode === "number" ? task.execution.exitCode : null,
    };
  });
}

/**
 * Checks from a typecheck/lint run: each typecheck or lint task is one check; other tasks (the
 * generate steps they depend on) count only when they fail. A task that never ran counts as failed.
 */
export function countsFromCheckTasks(tasks: readonly TurboTaskResult[], checks: readonly string[]): { counts: Counts; failed: string[] } {
  const counts = emptyCounts();
  const failed: string[] = [];
  for (const task of tasks) {
    const ok = task.exitCode === 0;
    if (!ok) failed.push(task.taskId);
    if (checks.includes(task.task)) {
      if (ok) counts.passed += 1;
      else counts.failed += 1;
    } else if (!ok) counts.failed += 1;
  }
  return { counts, failed };
}

/**
 * Counts from a test run: the tests in each package's vitest report; a test task that failed
 * without a failing test (a crash, a file that does not load) adds one failure, and one that
 * passed without a report (not vitest) adds one pass.
 */
export function countsFromTestTasks(tasks: readonly TurboTaskResult[], reportFor: (packageName: string) => unknown): { counts: Counts; failed: string[] } {
  let counts = emptyCounts();
  const failed: string[] = [];
  for (const task of tasks) {
    const ok = task.exitCode === 0;
    if (task.task !== "test") {
      if (!ok) {
        counts.failed += 1;
        failed.push(task.taskId);
      }
      continue;
    }
    const report = reportFor(task.packageName);
    const fromReport = report === undefined ? emptyCounts() : countsFromVitestReport(report);
    counts = addCounts(counts, fromReport);
    if (!ok) failed.push(task.taskId);
    if (!ok && fromReport.failed === 0) counts.failed += 1;
    if (ok && report === undefined) counts.passed += 1;
  }
  return { counts, failed };
}

export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** Summary files in .turbo/runs, to find the one a run just wrote. */
export function turboRunFiles(repoRoot: string): Set<string> {
  const dir = join(repoRoot, ".turbo", "runs");
  return new Set(
    existsSync(dir)
      ? readdirSync(dir)
          .filter((name) => name.endsWith(".json"))
          .map((name) => join(dir, name))
      : [],
  );
}
