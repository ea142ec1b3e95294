import { describe, expect, it } from "vitest";
import { parseRows, renderResults } from "./bench-all.ts";
import type { TBenchRow } from "./bench-row.ts";

const hold: TBenchRow = {
  bench: "bench:booking",
  path: "createHold, standalone server (max rate)",
  value: 2400,
  unit: "req/s",
  baseline: { name: "floor", value: 4000 },
  p50: 5.04,
  p95: 12.3,
  p99: 21.96,
  goal: ">= 0.5x floor",
  met: true,
  note: "32 connections",
};

describe("parseRows", () => {
  it("reads one row per line and skips a half-written last line", () => {
    const text = `${JSON.stringify(hold)}\n\n${JSON.stringify({ ...hold, value: 1 })}\n{"bench":"bench:w`;
    expect(parseRows(text).map((row) => row.value)).toEqual([2400, 1]);
  });
});

describe("renderResults", () => {
  const heading = { date: new Date("2026-12-07T06:00:00Z"), commit: "abc1234", args: "--quick" };

  it("writes one table row per goal with the ratio to its baseline, latencies and whether it was met", () => {
    const markdown = renderResults([hold, { ...hold, path: "search", value: 90, baseline: undefined, met: false, note: undefined }], [], heading);
    expect(markdown).toContain("commit abc1234");
    expect(markdown).toContain(
      "| bench:booking | createHold, standalone server (max rate) (32 connections) | 2,400 req/s | floor 4,000 | 0.60x | 5.0 | 12.3 | 22.0 | >= 0.5x floor | yes |",
    );
    expect(markdown).toContain("| bench:booking | search | 90.00 req/s |  |  | 5.0 | 12.3 | 22.0 | >= 0.5x floor | **no** |");
  });

  it("lists each bench's exit code and time, a failed one in bold", () => {
    const markdown = renderResults(
      [],
      [
        { bench: "bench:web", code: 0, seconds: 61.4 },
        { bench: "bench:fanout", code: 1, seconds: 3 },
      ],
      heading,
    );
    expect(markdown).toContain("| bench:web | 0 | 61 |");
    expect(markdown).toContain("| bench:fanout | **1** | 3 |");
  });

  it("escapes pipes so a note cannot break the table", () => {
    expect(renderResults([{ ...hold, note: "a | b" }], [], heading)).toContain("(a \\| b)");
  });
});
