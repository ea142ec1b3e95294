import { describe, expect, it } from "vitest";
import {
  countsFromCheckTasks,
  countsFromPlaywrightReport,
  countsFromTestTasks,
  countsFromVitestReport,
  formatCounts,
  tasksFromTurboSummary,
} from "./test-report.ts";

describe("formatCounts", () => {
  it("mentions skipped only when there are some", () => {
    expect(formatCounts({ passed: 12, failed: 0, skipped: 0 })).toBe("12 passed, 0 failed");
    expect(formatCounts({ passed: 12, failed: 1, skipped: 3 })).toBe("12 passed, 1 failed, 3 skipped");
  });
});

describe("reports", () => {
  it("reads vitest JSON totals, todo counting as skipped", () => {
    expect(countsFromVitestReport({ numPassedTests: 5, numFailedTests: 1, numPendingTests: 2, numTodoTests: 1 })).toEqual({ passed: 5, failed: 1, skipped: 3 });
  });

  it("counts a vitest file that failed without a failing test (it did not load) as one failure", () => {
    const testResults = [
      { status: "failed", assertionResults: [] },
      { status: "failed", assertionResults: [{ status: "passed" }, { status: "failed" }] },
      { status: "passed", assertionResults: [{ status: "passed" }] },
    ];
    expect(countsFromVitestReport({ numPassedTests: 2, numFailedTests: 1, testResults })).toEqual({ passed: 2, failed: 2, skipped: 0 });
  });

  it("reads Playwright stats, flaky counting as passed", () => {
    expect(countsFromPlaywrightReport({ stats: { expected: 7, unexpected: 2, flaky: 1, skipped: 1 } })).toEqual({ passed: 8, failed: 2, skipped: 1 });
  });

  it("reads a turbo summary", () => {
    const tasks = tasksFromTurboSummary({
      tasks: [
        { taskId: "@marquee/api#lint", task: "lint", package: "@marquee/api", execution: { exitCode: 0 } },
        { taskId: "@marquee/db#generate", task: "generate", package: "@marquee/db", execution: null },
      ],
    });
    expect(tasks).toEqual([
      { taskId: "@marquee/api#lint", task: "lint", packageName: "@marquee/api", exitCode: 0 },
      { taskId: "@marquee/db#generate", task: "generate", packageName: "@marquee/db", exitCode: null },
    ]);
  });
});

describe("countsFromCheckTasks", () => {
  it("counts each check once and failed dependencies as failures", () => {
    const { counts, failed } = countsFromCheckTasks(
      [
        { taskId: "a#typecheck", task: "typecheck", packageName: "a", exitCode: 0 },
        { taskId: "a#lint", task: "lint", packageName: "a", exitCode: 1 },
        { taskId: "a#generate", task: "generate", packageName: "a", exitCode: 0 },
        { taskId: "b#generate", task: "generate", packageName: "b", exitCode: 2 },
      ],
      ["typecheck", "lint"],
    );
    expect(counts).toEqual({ passed: 1, failed: 2, skipped: 0 });
    expect(failed).toEqual(["a#lint", "b#generate"]);
  });

  it("counts the root format check as one check", () => {
    const tasks = (exitCode: number) => [
      { taskId: "a#lint", task: "lint", packageName: "a", exitCode: 0 },
      { taskId: "//#format:check", task: "format:check", packageName: "//", exitCode },
    ];
    expect(countsFromCheckTasks(tasks(0), ["lint", "format:check"])).toEqual({ counts: { passed: 2, failed: 0, skipped: 0 }, failed: [] });
    expect(countsFromCheckTasks(tasks(2), ["lint", "format:check"])).toEqual({ counts: { passed: 1, failed: 1, skipped: 0 }, failed: ["//#format:check"] });
  });
});

describe("countsFromTestTasks", () => {
  it("sums vitest reports and counts crashes without failing tests", () => {
    const reports: Record<string, unknown> = {
      a: { numPassedTests: 3, numFailedTests: 0 },
      b: { numPassedTests: 2, numFailedTests: 0 },
    };
    const { counts, failed } = countsFromTestTasks(
      [
        { taskId: "a#test", task: "test", packageName: "a", exitCode: 0 },
        { taskId: "b#test", task: "test", packageName: "b", exitCode: 1 },
        { taskId: "c#test", task: "test", packageName: "c", exitCode: 0 },
      ],
      (name) => reports[name],
    );
    expect(counts).toEqual({ passed: 6, failed: 1, skipped: 0 });
    expect(failed).toEqual(["b#test"]);
  });
});
