// Part 5's renderer process, given both CPUs like a worker given two cores: renders the same
// invoices inline (one after another on the main thread, as a worker without the pool did) and
// through the render pool (all asked for at once; the pool runs one per thread), in alternating
// rounds after an untimed warm round. Answers PDFs per second of each round and each render's
// time, over IPC.
//
//   node --import tsx bench/checkout/pdf-pool-child.ts
import { availableParallelism } from "node:os";
import { renderInvoicePdf, startPdfRenderPool, type TInvoicePdfData, warmUpRenderers } from "../../../../packages/documents/src/index.ts";
import { invoiceData } from "../../../../packages/documents/src/testing/fixtures.ts";
import { serveIpc } from "./processes.ts";

const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString("latin1") === "%PDF-";

async function timed(render: () => Promise<Buffer>, durations: number[]): Promise<Buffer> {
  const started = performance.now();
  const bytes = await render();
  durations.push(performance.now() - started);
  return bytes;
}

async function measure(invoices: number, threads: number, rounds: number) {
  const data: TInvoicePdfData[] = Array.from({ length: invoices }, () => ({ ...invoiceData("en"), kind: "invoice" as const }));
  const poolStarted = performance.now();
  const pool = await startPdfRenderPool({ threads });
  const poolStartMs = performance.now() - poolStarted;
  try {
    // Untimed warm rounds both ways, so the JIT is as hot in the threads as on the main thread.
    const warm = data.slice(0, Math.min(20, invoices));
    await warmUpRenderers();
    for (const invoice of warm) await renderInvoicePdf(invoice);
    await Promise.all(warm.map((invoice) => pool.invoice(invoice)));
    // Inline and pooled rounds alternate, so a burst of the machine's other load hits both alike.
    // cores: the process's CPU time over the round's wall time (threads included), i.e. how much
    // of the cores it was given it got to use.
    const inline = { perSecond: [] as number[], ms: [] as number[], cores: [] as number[] };
    const pooled = { perSecond: [] as number[], ms: [] as number[], cores: [] as number[] };
    const coresSince = (cpu: NodeJS.CpuUsage, started: number) => {
      const used = process.cpuUsage(cpu);
      return (used.user + used.system) / 1000 / (performance.now() - started);
    };
    let bad = 0;
    for (let round = 0; round < rounds; round++) {
      let started = performance.now();
      let cpu = process.cpuUsage();
      for (const invoice of data) if (!isPdf(await timed(() => renderInvoicePdf(invoice), inline.ms))) bad += 1;
      inline.cores.push(coresSince(cpu, started));
      inline.perSecond.push(invoices / ((performance.now() - started) / 1000));
      started = performance.now();
      cpu = process.cpuUsage();
      const pdfs = await Promise.all(data.map((invoice) => timed(() => pool.invoice(invoice), pooled.ms)));
      pooled.cores.push(coresSince(cpu, started));
      pooled.perSecond.push(invoices / ((performance.now() - started) / 1000));
      bad += pdfs.filter((bytes) => !isPdf(bytes)).length;
    }
    return { cores: availableParallelism(), threads, invoices, rounds, poolStartMs, bad, inline, pooled };
  } finally {
    await pool.close();
  }
}

export type TPdfPoolFigures = Awaited<ReturnType<typeof measure>>;

serveIpc(async (command) => {
  if (command.op === "measure") return measure(Number(command.invoices), Number(command.threads), Number(command.rounds));
  throw new Error(`unknown command ${String(command.op)}`);
});
