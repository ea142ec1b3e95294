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

/** The first non-empty line of an error message, without ANSI colours, at most `max` characters. */
export function firstLine(message: unknown, max = 240): string {
  // eslint-disable-next-line no-control-regex -- ANSI colour codes are control characters by definition
  const text = String(message ?? "").replace(/\u001b\[[0-9;]*m/g, "");
  const line = text.split("\n").find((part) => part.trim().length > 0) ?? "";
  return line.trim().length > max ? `${line.trim().slice(0, max - 1)}…` : line.trim();
}

interface VitestFileResult {
  name?: string;
  status?: string;
  message?: string;
  assertionResults?: { status?: string; fullName?: string; title?: string; failureMessages?: string[] }[];
}

/** `file › test: first line of the error` for each failed test of a vitest JSON report, and each file that failed without one. */
export function failuresFromVitestReport(report: unknown, relativeTo = ""): string[] {
  const files = (((report ?? {}) as { testResults?: unknown }).testResults ?? []) as VitestFileResult[];
  const failures: string[] = [];
  for (const file of Array.isArray(files) ? files : []) {
    const name = relativeTo && file.name?.startsWith(relativeTo) ? file.name.slice(relativeTo.length).replace(/^\//, "") : (file.name ?? "?");
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === "failed");
    for (const test of failedTests) failures.push(`${name} › ${test.fullName ?? test.title ?? "?"}: ${firstLine(test.failureMessages?.[0])}`);
    if (file.status === "failed" && failedTests.length === 0) failures.push(`${name}: ${firstLine(file.message) || "the file failed without a failing test"}`);
  }
  return failures;
}

interface PlaywrightSuite {
  title?: string;
  file?: string;
  suites?: PlaywrightSuite[];
  specs?: { title?: string; line?: number; tests?: { status?: string; projectName?: string; results?: { error?: { message?: string } }[] }[] }[];
}

/** `[project] file:line › title: first line of the error` for each test of a Playwright JSON report that failed (not flaky). */
export function failuresFromPlaywrightReport(report: unknown): string[] {
  const failures: string[] = [];
  const walk = (suite: PlaywrightSuite, file: string, titles: string[]) => {
    const here = suite.file ?? file;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected") continue;
        const error = [...(test.results ?? [])].reverse().find((result) => result.error)?.error?.message;
        failures.push(`[${test.projectName ?? "?"}] ${here}:${spec.line ?? "?"} › ${[...titles, spec.title ?? "?"].join(" › ")}: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, here, child.title && child.title !== child.file ? [...titles, child.title] : titles);
  };
  for (const suite of ((report ?? {}) as { suites?: PlaywrightSuite[] }).suites ?? []) walk(suite, suite.file ?? "?", []);
  return failures;
}

/** The recap printed just above `npm test`'s last line: every failure by name, at most `max` of them. */
export function formatFailures(failures: readonly string[], max = 30): string[] {
  if (failures.length === 0) return [];
  const shown = failures.slice(0, max).map((failure) => `  - ${failure}`);
  const more = failures.length > max ? [`  … and ${failures.length - max} more`] : [];
  return [`failures (${failures.length}):`, ...shown, ...more];
}
