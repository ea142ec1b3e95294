// One row of `npm run bench`'s table (bench/results/latest.md): a path, its figure, the baseline
// measured in the same run, the ratio, latencies, the goal and whether this run met it. A bench
// calls `recordRow` next to what it prints; the rows go to the file `npm run bench` names
// (BENCH_RESULTS_FILE), and nowhere when a bench runs on its own.
import { appendFileSync } from "node:fs";
import type { TBenchRow } from "@marquee/dev/bench-row";
import { benchResultsFile } from "./env.ts";

export type { TBenchRow };

/** The ratio of `value` to the row's baseline (NaN without one). */
export const rowRatio = (row: TBenchRow): number => (row.baseline && row.baseline.value > 0 ? row.value / row.baseline.value : NaN);

/** Appends a row for `npm run bench` (a no-op when the bench runs on its own). */
export function recordRow(row: TBenchRow): void {
  const file = benchResultsFile();
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}
