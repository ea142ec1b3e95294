// `npm run bench` (entry: bench.ts) and the benches step of `npm test`: every bench with its quick
// settings, one after another, each writing the rows of its goals (packages/api/bench/lib/results.ts)
// to a file of the run; then one Markdown table of all of them (path, figure, baseline, ratio,
// p50/p95/p99, goal, met?) in bench/results/latest.md. The full runs stay per area (`npm run bench:<area>`).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { TBenchRow } from "./bench-row.ts";
import { repoRoot } from "./paths.ts";
import { runInherited } from "./processes.ts";

/** The benchmarks, in this order; bench:web's Next build is the one e2e then reuses (turbo cache). */
export const BENCHES = [
  "bench:booking",
  "bench:fanout",
  "bench:checkout",
  "bench:web",
  "bench:http",
  "bench:export",
  "bench:inbox-live",
  "bench:inbound-email",
  "bench:checkin",
  "bench:pricing",
] as const;

export const LATEST_RESULTS = join(repoRoot, "bench", "results", "latest.md");

export interface TBenchRun {
  bench: string;
  code: number;
  seconds: number;
}

/** Rows from a results file: one JSON object per line; a line that is not one is skipped. */
export function parseRows(text: string): TBenchRow[] {
  const rows: TBenchRow[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      rows.push(JSON.parse(line) as TBenchRow);
    } catch {
      // a bench killed mid-write leaves half a line; the rest still counts
    }
  }
  return rows;
}

const figure = (value: number | undefined, digits = 0) =>
  value === undefined || !Number.isFinite(value) ? "" : value.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** The Markdown of one `npm run bench`: the goals' table, then each bench's exit and time. */
export function renderResults(rows: readonly TBenchRow[], runs: readonly TBenchRun[], heading: { date: Date; commit: string; args: string }): string {
  const lines = [
    "# Benchmark results (`npm run bench`)",
    "",
    `${heading.date.toISOString()}, commit ${heading.commit}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), settings: ${heading.args}.`,
    "Each ratio is to a baseline measured in the same run of the same bench (packages/api/bench/README.md). Latencies in ms.",
    "",
    "| Bench | Path | Figure | Baseline | Ratio | p50 | p95 | p99 | Goal | Met? |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const row of rows) {
    const ratio = row.baseline && row.baseline.value > 0 ? `${(row.value / row.baseline.value).toFixed(2)}x` : "";
    const baseline = row.baseline ? `${row.baseline.name} ${figure(row.baseline.value, row.baseline.value < 100 ? 1 : 0)}` : "";
    const met = row.met === null ? "figures" : row.met ? "yes" : "**no**";
    lines.push(
      `| ${[
        row.bench,
        row.note ? `${row.path} (${row.note})` : row.path,
        `${figure(row.value, row.value < 100 ? 2 : 0)} ${row.unit}`,
        baseline,
        ratio,
        figure(row.p50, 1),
        figure(row.p95, 1),
        figure(row.p99, 1),
        row.goal,
        met,
      ]
        .map(cell)
        .join(" | ")} |`,
    );
  }
  lines.push("", "| Bench | Exit | Seconds |", "| --- | --- | --- |");
  for (const run of runs) lines.push(`| ${run.bench} | ${run.code === 0 ? "0" : `**${run.code}**`} | ${run.seconds.toFixed(0)} |`);
  return `${lines.join("\n")}\n`;
}

/** The checkout's commit (short), or "unknown" outside a git checkout. */
export function currentCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}

export interface TRunBenchesOptions {
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Which benches (default all of BENCHES) and the flags each gets (default --quick). */
  benches?: readonly string[];
  args?: readonly string[];
  /** Where the Markdown goes (default bench/results/latest.md). */
  out?: string;
}

/** Runs the benches one after another; writes the table; answers each bench's exit and time. */
export async function runBenches(options: TRunBenchesOptions): Promise<TBenchRun[]> {
  const args = options.args ?? ["--quick"];
  const runs: TBenchRun[] = [];
  const rows: TBenchRow[] = [];
  for (const bench of options.benches ?? BENCHES) {
    const rowsFile = join(tmpdir(), `marquee-bench-rows-${process.pid}-${bench.replace(/\W/g, "-")}.jsonl`);
    rmSync(rowsFile, { force: true });
    const startedAt = performance.now();
    const code = await runInherited("npm", ["run", bench, "--", ...args], { cwd: repoRoot, env: { ...options.env, BENCH_RESULTS_FILE: rowsFile } });
    const seconds = (performance.now() - startedAt) / 1000;
    options.log(`${bench} ${args.join(" ")}: exit ${code} in ${seconds.toFixed(0)} s`);
    runs.push({ bench, code, seconds });
    try {
      rows.push(...parseRows(readFileSync(rowsFile, "utf8")));
    } catch {
      // a bench with no goal rows (or one that failed before its first) adds none
    }
    rmSync(rowsFile, { force: true });
  }
  const out = options.out ?? LATEST_RESULTS;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderResults(rows, runs, { date: new Date(), commit: currentCommit(), args: args.join(" ") || "full" }));
  options.log(`results: ${out} (${rows.length} rows)`);
  return runs;
}
