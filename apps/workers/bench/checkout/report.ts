// What bench:checkout prints, one function per part.
import { describeLatency, msColumn, pairedRatio, rate, ratio, type TLatency } from "./figures.ts";
import { type benchGrpcHop } from "./grpc-hop.ts";
import { type benchJobPipeline } from "./job-pipeline.ts";
import { type benchOrderFlow } from "./order-flow.ts";

interface TReportSettings {
  orders: number;
  concurrency: number;
  warmup: number;
  pollMs: number;
  jobs: number;
  rounds: number;
  calls: number;
  concurrentCalls: number;
  inFlight: number;
}

const apiSteps = (f: { hold: TLatency; checkout: TLatency; confirm: TLatency }) =>
  `    steps p50/p99 ms: createHold ${f.hold.p50.toFixed(1)}/${f.hold.p99.toFixed(1)}, checkout ${f.checkout.p50.toFixed(1)}/${f.checkout.p99.toFixed(1)}, confirm (Stripe SDK) ${f.confirm.p50.toFixed(1)}/${f.confirm.p99.toFixed(1)}`;

export function printOrderFlow(r: Awaited<ReturnType<typeof benchOrderFlow>>, s: TReportSettings) {
  console.info(`\n1. Orders from hold to fulfilled (tickets, capture, invoice PDF, e-mail with PDFs) through the API server and the five worker roles`);
  console.info(
    `   ${s.orders} orders per phase, ${s.concurrency} buyers in flight; e-mails looked for every ${s.pollMs} ms; warm-up ${r.warm.orders} orders end to end in ${r.warm.seconds.toFixed(1)} s`,
  );
  const a = r.apiAlone;
  console.info(
    `a) API part alone (hold + checkout + confirm; webhooks held, workers idle): ${rate(a.perSecond)} orders/s (${a.orders} in ${a.seconds.toFixed(1)} s)`,
  );
  console.info(`    per order: ${describeLatency(a.api)}`);
  console.info(apiSteps(a));
  const b = r.backlog;
  console.info(
    `b) backlog: those ${a.orders} orders' webhooks released at once -> all paid and e-mailed in ${b.seconds.toFixed(1)} s: ${rate(b.perSecond)} orders/s (${b.orders} e-mails)`,
  );
  const e = r.endToEnd;
  console.info(
    `c) end to end (each buyer waits for its e-mail and a PAID GET /orders/{id}): ${rate(e.perSecond)} orders/s (${e.orders} in ${e.seconds.toFixed(1)} s)`,
  );
  console.info(`    hold -> PAID:   ${describeLatency(e.holdToPaid)}  (worker's paidAt)`);
  console.info(`    hold -> e-mail: ${describeLatency(e.holdToMail)}  (+ up to ${s.pollMs} ms poll)`);
  console.info(`    API part under the pipeline's load: ${describeLatency(e.api)}`);
  console.info(apiSteps(e));
  console.info(`    GET /orders/{id} said PAID for ${e.restPaid}/${e.orders}`);
  console.info(
    `    ratio end to end / API part alone (orders/s): ${ratio(e.perSecond, a.perSecond)}; backlog drain / API part alone: ${ratio(b.perSecond, a.perSecond)}`,
  );
  console.info(`checks (all ${s.warmup + 2 * s.orders} orders of the run):`);
  for (const check of r.checks) console.info(`    ${check.ok ? "ok  " : "FAIL"} ${check.name}: ${check.detail}`);
  if (r.failures.length > 0) {
    console.info(`    FAIL ${r.failures.length} orders failed on the way:`);
    for (const failure of r.failures.slice(0, 10)) console.info(`      ${failure}`);
  }
}

export function printJobPipeline(r: Awaited<ReturnType<typeof benchJobPipeline>>, s: TReportSettings) {
  console.info(
    `\n2. Job pipeline vs bare BullMQ no-op worker: ${s.jobs} jobs per run (addBulk, drained by a worker process on CPU 0), ${s.rounds} rounds A B C, medians`,
  );
  const names = {
    bare: "A bare BullMQ Worker, async () => {}",
    ours: "B createJobWorker + registry (zod)",
    "ours+record": "C B + analytics report per job (inbox)",
  } as const;
  for (const { concurrency, rows } of r.byConcurrency) {
    console.info(`concurrency ${concurrency}:${"".padEnd(30)} ${"jobs/s".padStart(8)}   rounds (jobs/s)`);
    for (const row of rows)
      console.info(`  ${names[row.kind].padEnd(41)} ${row.jobsPerSecond.toFixed(0).padStart(8)}   ${row.rounds.map((v) => v.toFixed(0)).join(" ")}`);
    const [bare, ours, record] = rows;
    console.info(
      `  ratio ours / bare: ${ratio(ours!.jobsPerSecond, bare!.jobsPerSecond)} (goal >= 0.85x; median of per-round ratios ${pairedRatio(ours!.rounds, bare!.rounds)}); with the analytics report: ${ratio(record!.jobsPerSecond, bare!.jobsPerSecond)} (per round ${pairedRatio(record!.rounds, bare!.rounds)})`,
    );
  }
  console.info(
    `analytics counted ${r.counted} of the ${r.recorded} jobs the third row ran (must be equal); runs with failed jobs or dead letters: ${r.trouble}`,
  );
}

export function printGrpcHop(rows: Awaited<ReturnType<typeof benchGrpcHop>>, s: TReportSettings) {
  console.info(`\n3. One gRPC hop (AnalyticsService.Record) vs bare @grpc/grpc-js: servers on CPU 0, clients on CPU 1; ${s.rounds} rounds A B C D E, medians`);
  console.info(`   sequential: ${s.calls} calls, 1 in flight (latency); loaded: ${s.concurrentCalls} calls, ${s.inFlight} in flight (calls/s)`);
  console.info(
    `${"".padEnd(34)} ${"seq p50".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)}   ${"calls/s".padStart(8)} ${"load p99".padStart(9)}   rounds (calls/s)`,
  );
  for (const row of rows) {
    console.info(
      `${row.name.padEnd(34)} ${msColumn(row.sequential.p50)} ${msColumn(row.sequential.p95)} ${msColumn(row.sequential.p99)}   ${row.callsPerSecond.toFixed(0).padStart(8)} ${msColumn(row.loaded.p99, 9)}   ${row.rounds.map((v) => v.toFixed(0)).join(" ")}`,
    );
  }
  const [a, b, c, d, e] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
  const versus = (ours: (typeof rows)[0]) =>
    `calls/s ${ratio(ours.callsPerSecond, a.callsPerSecond)} (per round ${pairedRatio(ours.rounds, a.rounds)}), p99 ${ratio(a.sequential.p99, ours.sequential.p99)} (per round ${pairedRatio(a.roundsP99, ours.roundsP99)})`;
  console.info(`one hop, ours (E) / bare (A): ${versus(e)}; p99 as bare / ours; goal >= 0.8x for both`);
  console.info(`  client layer (B / A): ${versus(b)}`);
  console.info(`  with the analytics role's work: bare client (C / A) ${versus(c)}; our client (D / A) ${versus(d)}`);
}
