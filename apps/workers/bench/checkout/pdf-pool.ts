// Part 5: does a worker use the cores it is given for PDFs? N invoice PDFs rendered inline (the
// main thread, one at a time) vs through the render pool with `threads` threads, in one child
// process given CPUs 0 and 1 (the rest of the bench is pinned to one CPU, which a pool cannot beat).
import { recordRow } from "../../../../packages/api/bench/lib/results.ts";
import { latency, median, msColumn, pairedRatio, rate, ratio } from "./figures.ts";
import type { TPdfPoolFigures } from "./pdf-pool-child.ts";
import { ipcCaller, startChild, tsxCommand, WORKERS_DIR } from "./processes.ts";

export async function benchPdfPool(options: {
  env: Record<string, string | undefined>;
  invoices: number;
  threads: number;
  rounds: number;
}): Promise<TPdfPoolFigures> {
  const child = startChild("pdf-pool", tsxCommand("bench/checkout/pdf-pool-child.ts"), { cwd: WORKERS_DIR, env: options.env, cpu: "0,1", ipc: true });
  try {
    return await ipcCaller(child)<TPdfPoolFigures>({ op: "measure", invoices: options.invoices, threads: options.threads, rounds: options.rounds });
  } finally {
    await child.stop();
  }
}

export function printPdfPool(r: TPdfPoolFigures): void {
  const inline = latency(r.inline.ms);
  const pooled = latency(r.pooled.ms);
  const inlineRate = median(r.inline.perSecond);
  const pooledRate = median(r.pooled.perSecond);
  console.info(`\n=== part 5: invoice PDFs, inline vs a render pool of ${r.threads} threads (one process given ${r.cores} cores) ===`);
  console.info(`${"".padEnd(28)} ${"PDFs/s".padStart(8)}   p50 ms   p95 ms  cores used  (ms per render; pooled: all asked at once, queue included)`);
  console.info(
    `${"inline (main thread)".padEnd(28)} ${rate(inlineRate).padStart(8)} ${msColumn(inline.p50)} ${msColumn(inline.p95)} ${median(r.inline.cores).toFixed(2).padStart(11)}`,
  );
  console.info(
    `${`pool, ${r.threads} threads`.padEnd(28)} ${rate(pooledRate).padStart(8)} ${msColumn(pooled.p50)} ${msColumn(pooled.p95)} ${median(r.pooled.cores).toFixed(2).padStart(11)}`,
  );
  console.info(
    `ratio pool / inline: ${ratio(pooledRate, inlineRate)} (median of ${r.rounds} rounds each; per-round ratios median ${pairedRatio(r.pooled.perSecond, r.inline.perSecond)}; pool start with its warm-up renders ${Math.round(r.poolStartMs)} ms, not timed)`,
  );
  const renders = 2 * r.invoices * r.rounds;
  console.info(`checks: ${renders - r.bad} of ${renders} renders are PDFs`);
  recordRow({
    bench: "bench:checkout",
    path: `invoice PDFs through the render pool (${r.threads} threads)`,
    value: pooledRate,
    unit: "PDFs/s",
    baseline: { name: "inline", value: inlineRate },
    goal: `uses the cores it is given: >= ${(0.75 * r.threads).toFixed(1)}x inline with ${r.threads} threads`,
    met: r.cores >= r.threads ? pooledRate >= 0.75 * r.threads * inlineRate : null,
    note: `${r.rounds} alternating rounds of ${r.invoices} invoices each way, one process given ${r.cores} cores; cores used inline ${median(r.inline.cores).toFixed(2)}, pooled ${median(r.pooled.cores).toFixed(2)} (below ${r.threads}: the machine's other load took the rest)`,
  });
}
