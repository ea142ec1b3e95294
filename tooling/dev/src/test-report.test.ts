import { describe, expect, it } from "vitest";
import {
  countsFromCheckTasks,
  countsFromPlaywrightReport,
  countsFromTestTasks,
  countsFromVitestReport,
  failuresFromPlaywrightReport,
  failuresFromVitestReport,
  firstLine,
  formatFailures,
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

describe("failure recap", () => {
  it("names each failed vitest test with its file and the first line of its error, and a file that did not load", () => {
    const report = {
      testResults: [
        {
          name: "/repo/packages/api/src/a.test.ts",
          status: "failed",
          assertionResults: [
            { status: "passed", fullName: "a works" },
            { status: "failed", fullName: "a › refuses", failureMessages: ["\u001b[31mAssertionError: expected 1 to be 2\u001b[39m\n    at x.ts:1"] },
          ],
        },
        { name: "/repo/packages/api/src/b.test.ts", status: "failed", message: "\nCannot find module './gone.ts'\nstack", assertionResults: [] },
        { name: "/repo/packages/api/src/c.test.ts", status: "passed", assertionResults: [{ status: "passed", fullName: "c" }] },
      ],
    };
    expect(failuresFromVitestReport(report, "/repo/packages/api")).toEqual([
      "src/a.test.ts › a › refuses: AssertionError: expected 1 to be 2",
      "src/b.test.ts: Cannot find module './gone.ts'",
    ]);
    expect(failuresFromVitestReport(undefined)).toEqual([]);
  });

  it("names each unexpected Playwright test with its project, file, line and describe titles; flaky ones are not failures", () => {
    const report = {
      suites: [
        {
          title: "shop.spec.ts",
          file: "specs/shop.spec.ts",
          specs: [{ title: "buys", line: 9, tests: [{ status: "flaky", projectName: "web", results: [{ error: { message: "once" } }, {}] }] }],
          suites: [
            {
              title: "on a phone",
              file: "specs/shop.spec.ts",
              specs: [
                { title: "pays", line: 40, tests: [{ status: "unexpected", projectName: "web", results: [{ error: { message: "Timeout 5000ms\nmore" } }] }] },
              ],
            },
          ],
        },
      ],
    };
    expect(failuresFromPlaywrightReport(report)).toEqual(["[web] specs/shop.spec.ts:40 › on a phone › pays: Timeout 5000ms"]);
  });

  it("prints nothing without failures and caps a long list", () => {
    expect(formatFailures([])).toEqual([]);
    const lines = formatFailures(["a", "b", "c"], 2);
    expect(lines).toEqual(["failures (3):", "  - a", "  - b", "  … and 1 more"]);
    expect(firstLine("x".repeat(300), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
