// One row of `npm run bench`'s table: written by a bench (packages/api/bench/lib/results.ts), read by bench-all.ts.
export interface TBenchRow {
  /** The bench script, e.g. "bench:booking". */
  bench: string;
  /** What was measured, e.g. "createHold (standalone server)". */
  path: string;
  /** Our figure and its unit, e.g. 1234 "req/s". */
  value: number;
  unit: string;
  /** The baseline of the same run, e.g. "floor" 2600. */
  baseline?: { name: string; value: number };
  p50?: number;
  p95?: number;
  p99?: number;
  /** The goal in words, e.g. ">= 0.5x floor, p99 < 50 ms". */
  goal: string;
  /** Whether this run met the goal; null when the goal has no yes/no in this run (figures only). */
  met: boolean | null;
  /** Anything a reader needs beside the figures (settings, counts, oversold 0, ...). */
  note?: string;
}
