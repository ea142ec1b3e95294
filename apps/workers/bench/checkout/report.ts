// What bench:checkout prints, one function per part.
import { describeLatency, msColumn, pairedRatio, rate, ratio, type TLatency } from "./figures.ts";
import { recordRow } from "../../../../packages/api/bench/lib/results.ts";
import { summarise } from "../../../../packages/api/bench/lib/load.ts";
import { type benchCheckoutHttp, printCheckoutProfile } from "./checkout-http.ts";
import { type benchGrpcHop } from "./grpc-hop.ts";
import { type benchJobPipeline } from "./job-pipeline.ts";
import { type benchOrderFlow } from "./order-flow.ts";

interface TReportSettings {
  orders: number;
  concurrency: number;
  warmup: number;
  lone: number;
  pollMs: number;
  jobs: number;
  rounds: number;
  calls: number;
  concurrentCalls: number;
  inFlight: number;
  holds: number;
  connections: number;
  floorSeconds: number;
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
  console.info(`cold start: the first order after the stack said healthy, card confirmed -> PAID: ${r.coldConfirmToPaid.toFixed(0)} ms (goal < 2000 ms)`);
  console.info(`lone orders (one at a time, warm), card confirmed -> PAID: ${describeLatency(r.loneConfirmToPaid)} (goal p50 < 300 ms)`);
  const drain = b.perSecond / a.perSecond;
  const rows = [
    {
      path: "fulfilment: backlog drain vs the API's checkout rate",
      value: b.perSecond,
      unit: "orders/s",
      baseline: { name: "API part alone", value: a.perSecond },
      latency: e.holdToPaid,
      goal: ">= 0.5x",
      met: drain >= 0.5,
      note: `${a.orders} orders; latencies: hold -> PAID with ${s.concurrency} buyers`,
    },
    {
      path: `fulfilment: hold -> PAID, ${s.concurrency} buyers`,
      value: e.holdToPaid.p95,
      unit: "ms (p95)",
      baseline: undefined,
      latency: e.holdToPaid,
      goal: "p95 < 1000 ms",
      met: e.holdToPaid.p95 < 1_000,
      note: `${e.orders} orders, closed loop`,
    },
    {
      path: "fulfilment: lone order, card confirmed -> PAID (warm)",
      value: r.loneConfirmToPaid.p50,
      unit: "ms (p50)",
      baseline: undefined,
      latency: r.loneConfirmToPaid,
      goal: "< 300 ms",
      met: r.loneConfirmToPaid.p50 < 300,
      note: `${r.loneConfirmToPaid.count} orders one at a time`,
    },
    {
      path: "fulfilment: first order after a cold start, card confirmed -> PAID",
      value: r.coldConfirmToPaid,
      unit: "ms",
      baseline: undefined,
      latency: undefined,
      goal: "< 2000 ms",
      met: r.coldConfirmToPaid < 2_000,
      note: "the API server and five worker roles just started (healthy)",
    },
  ];
  for (const row of rows)
    recordRow({
      bench: "bench:checkout",
      path: row.path,
      value: row.value,
      unit: row.unit,
      baseline: row.baseline,
      p50: row.latency?.p50,
      p95: row.latency?.p95,
      p99: row.latency?.p99,
      goal: row.goal,
      met: Number.isFinite(row.value) ? row.met : false,
      note: row.note,
    });
  console.info(`checks (all ${1 + s.warmup + s.lone + 2 * s.orders} orders of the run):`);
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

export function printCheckoutHttp(r: Awaited<ReturnType<typeof benchCheckoutHttp>>, s: TReportSettings) {
  console.info(
    `\n4. checkout over HTTP (order + PaymentIntent at the local Stripe server) vs the floor (EVAL + committed INSERT): autocannon ${s.connections} connections, ${r.ours.length} rounds of ${s.holds} holds each checked out once / ${s.floorSeconds} s of floor, medians`,
  );
  console.info(`${"".padEnd(36)} ${"req/s".padStart(8)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)}  statuses`);
  const floor = summarise(r.floor);
  const ours = summarise(r.ours);
  const row = (name: string, f: typeof floor) =>
    console.info(`${name.padEnd(36)} ${rate(f.rps).padStart(8)} ${msColumn(f.p50)} ${msColumn(f.p95)} ${msColumn(f.p99)}  ${JSON.stringify(f.statuses)}`);
  row("floor (EVAL + committed INSERT)", floor);
  row("POST /api/v1/holds/{id}/checkout", ours);
  console.info(`checkout rounds (orders/s): ${r.ours.map((f) => rate(f.rps)).join(" ")}; floor rounds (req/s): ${r.floor.map((f) => rate(f.rps)).join(" ")}`);
  console.info(
    `ratio checkout / floor: ${ratio(ours.rps, floor.rps)} (goal >= 0.5x, p95 < 100 ms); median of per-round ratios ${pairedRatio(
      r.ours.map((f) => f.rps),
      r.floor.map((f) => f.rps),
    )}`,
  );
  console.info(`checks: ${r.orders} orders for ${r.checkedOut} holds checked out (warm-up included), ${r.intents} with their PaymentIntent`);
  recordRow({
    bench: "bench:checkout",
    path: "checkout (order + PaymentIntent), standalone server (max rate)",
    value: ours.rps,
    unit: "orders/s",
    baseline: { name: "floor", value: floor.rps },
    p50: ours.p50,
    p95: ours.p95,
    p99: ours.p99,
    goal: ">= 0.5x floor, p95 < 100 ms",
    met: ours.rps >= 0.5 * floor.rps && ours.p95 < 100,
    note: `${s.connections} connections; includes the local Stripe server's own cost (a create per order), which the floor does not pay`,
  });
  printCheckoutProfile(r.profile);
}
