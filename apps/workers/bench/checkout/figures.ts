// Figures and their formatting for bench:checkout.
import { percentile } from "../../../../packages/api/bench/lib/load.ts";

export interface TLatency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50/p95/p99/max of latencies in ms (nearest rank, as the booking bench). */
export function latency(values: readonly number[]): TLatency {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
  };
}

/** The median of each field over rounds. */
export const medianLatency = (rounds: readonly TLatency[]): TLatency => ({
  count: rounds.reduce((sum, round) => sum + round.count, 0),
  p50: median(rounds.map((round) => round.p50)),
  p95: median(rounds.map((round) => round.p95)),
  p99: median(rounds.map((round) => round.p99)),
  max: Math.max(...rounds.map((round) => round.max)),
});

/** The median; with an even count, the mean of the two middle values (2 rounds under --quick). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const fixed = (value: number) => (Number.isNaN(value) ? "-" : value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));

/** "p50 12.3 / p95 45.6 / p99 78.9 ms (max 99.1, n=300)" */
export const describeLatency = (f: TLatency, unit = "ms") =>
  `p50 ${fixed(f.p50)} / p95 ${fixed(f.p95)} / p99 ${fixed(f.p99)} ${unit} (max ${fixed(f.max)}, n=${f.count})`;

/** Right-aligned ms column. */
export const msColumn = (value: number, width = 8) => fixed(value).padStart(width);

export const ratio = (ours: number, baseline: number) => (baseline > 0 ? `${(ours / baseline).toFixed(2)}x` : "-");

/** The median of the per-round ratios ours[i] / baseline[i] (rounds run side by side, so drift between rounds cancels). */
export const pairedRatio = (ours: readonly number[], baseline: readonly number[]) => `${median(ours.map((value, i) => value / baseline[i]!)).toFixed(2)}x`;

export const rate = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
