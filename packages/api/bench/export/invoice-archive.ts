// The ZIP case of `npm run bench:export`: the period's invoice archive (startInvoiceExport, one PDF
// in memory at a time) against the naive way (every row and every PDF loaded, then one zipSync),
// both on the same N documents in the same run. Seeds one real invoice through issueInvoice, then
// N-1 copies of its row (INSERT ... SELECT generate_series) with their PDFs written to a temporary
// file store. (Rendering a missing PDF from its snapshot is covered by the integration test.)
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Db } from "@marquee/db";
import { createFactories, uniqueSuffix } from "@marquee/db/testing";
import { Unzip, UnzipPassThrough, zipSync } from "fflate";
import { systemClock } from "../../src/clock.ts";
import { createLocalFileStore } from "../../src/services/files/local-file-store.ts";
import { startInvoiceExport } from "../../src/services/invoice/export-invoices.ts";
import { issueInvoice } from "../../src/services/invoice/issue-invoice.ts";
import type { TInvoiceDeps } from "../../src/services/invoice/types.ts";
import type { sampleMemory as TSampleMemory } from "../lib/memory.ts";

const MB = 1024 * 1024;
const PERIOD = { from: "2026-01-01", to: "2027-01-01" };

async function seedInvoices(deps: TInvoiceDeps, filesDir: string, count: number) {
  const make = createFactories(deps.db);
  const { event, ticketType } = await make.gaEvent();
  const order = await deps.db.order.create({
    data: {
      reference: `MQ-Z${uniqueSuffix()}`,
      organizationId: event.organizationId,
      eventId: event.id,
      status: "PAID",
      buyerName: "Ada Buyer",
      buyerEmail: "ada@example.test",
      currency: "EUR",
      subtotalMinor: 5000,
      totalMinor: 5000,
      paidAt: new Date("2026-06-01T10:00:00Z"),
      lines: { create: [{ eventId: event.id, ticketTypeId: ticketType.id, quantity: 2, unitPriceMinor: 2500, taxRateBp: 1900, totalMinor: 5000 }] },
    },
  });
  const first = await issueInvoice({ ...deps, clock: { now: () => new Date("2026-06-01T10:00:00Z") } }, { orderId: order.id });
  const pdf = await deps.files.get(first.pdfPath!);
  const copies = await deps.db.$queryRaw<{ pdfPath: string }[]>`
    WITH copies AS (SELECT gen_random_uuid() AS id, g FROM generate_series(1, ${count - 1}) g)
    INSERT INTO "Invoice" (id, "organizationId", "orderId", kind, number, "displayNumber", currency, "netMinor", "taxMinor", "totalMinor", snapshot, "pdfPath", "issuedAt")
    SELECT c.id, i."organizationId", i."orderId", i.kind, i.number + c.g, 'INV-' || lpad((i.number + c.g)::text, 6, '0'), i.currency, i."netMinor", i."taxMinor",
           i."totalMinor", i.snapshot, 'invoices/' || i."organizationId" || '/' || c.id || '.pdf', i."issuedAt" + c.g * interval '1 minute'
    FROM "Invoice" i CROSS JOIN copies c WHERE i.id = ${first.id}::uuid
    RETURNING "pdfPath"`;
  for (const { pdfPath } of copies) {
    await mkdir(dirname(join(filesDir, pdfPath)), { recursive: true });
    await writeFile(join(filesDir, pdfPath), pdf!);
  }
  return { organizationId: event.organizationId, pdfBytes: pdf!.length };
}

async function streamedArchive(deps: TInvoiceDeps, organizationId: string, sampleMemory: typeof TSampleMemory) {
  global.gc?.();
  const stop = sampleMemory({ live: true });
  const startedAt = performance.now();
  const archive = await startInvoiceExport(deps, { organizationId, ...PERIOD, actor: { kind: "system", userId: null, ip: null } });
  // Read back as the console does: fflate's streaming reader walks the entries, nothing is kept.
  let bytes = 0;
  let pdfs = 0;
  let hasIndex = false;
  const unzip = new Unzip((file) => {
    let first = true;
    file.ondata = (error, data) => {
      if (error) throw error;
      if (first && file.name.endsWith(".pdf") && Buffer.from(data.subarray(0, 5)).toString("latin1") === "%PDF-") pdfs++;
      if (file.name === "index.csv") hasIndex = true;
      first = false;
    };
    file.start();
  });
  unzip.register(UnzipPassThrough);
  for await (const chunk of archive.stream as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    unzip.push(chunk);
  }
  unzip.push(new Uint8Array(0), true);
  const seconds = (performance.now() - startedAt) / 1000;
  return { total: archive.total, pdfs, hasIndex, bytes, seconds, memory: stop() };
}

async function naiveArchive(db: Db, files: TInvoiceDeps["files"], organizationId: string, sampleMemory: typeof TSampleMemory) {
  global.gc?.();
  const stop = sampleMemory({ live: true });
  const startedAt = performance.now();
  const invoices = await db.invoice.findMany({ where: { organizationId }, orderBy: { number: "asc" } });
  const pdfs = await Promise.all(
    invoices.map(async (invoice) => [`${invoice.displayNumber}.pdf`, (await files.get(invoice.pdfPath!)) ?? Buffer.alloc(0)] as const),
  );
  const zip = zipSync(Object.fromEntries(pdfs.map(([name, bytes]) => [name, [new Uint8Array(bytes), { level: 0 }] as const])));
  const seconds = (performance.now() - startedAt) / 1000;
  return { documents: invoices.length, bytes: zip.length, seconds, memory: stop() };
}

/** Runs the ZIP case on `count` documents and prints its figures. */
export async function benchInvoiceArchive(db: Db, count: number, sampleMemory: typeof TSampleMemory): Promise<void> {
  const filesDir = await mkdtemp(join(tmpdir(), "marquee-bench-invoices-"));
  try {
    const deps: TInvoiceDeps = { db, files: createLocalFileStore(filesDir), clock: systemClock };
    const seedStarted = performance.now();
    const { organizationId, pdfBytes } = await seedInvoices(deps, filesDir, count);
    console.info(
      `seeded ${count.toLocaleString("en")} invoices (${(pdfBytes / 1024).toFixed(0)} KB PDF each) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    const ours = await streamedArchive(deps, organizationId, sampleMemory);
    if (ours.total !== count || ours.pdfs !== count || !ours.hasIndex)
      throw new Error(`expected ${count} PDFs and index.csv, got ${ours.pdfs} (counted ${ours.total})`);
    const base = await naiveArchive(db, deps.files, organizationId, sampleMemory);
    const perThousand = (memory: { heap: number; buffers: number }, documents: number) =>
      `${((((memory.heap + memory.buffers) / documents) * 1000) / MB).toFixed(2)} MB`;
    const line = (memory: { rss: number; heap: number; buffers: number }) =>
      `RSS +${(memory.rss / MB).toFixed(1)} MB, heap +${(memory.heap / MB).toFixed(1)} MB, buffers +${(memory.buffers / MB).toFixed(1)} MB`;
    console.info(
      [
        `streamed invoice ZIP: ${ours.pdfs.toLocaleString("en")} PDFs + index.csv, ${(ours.bytes / MB).toFixed(1)} MB in ${ours.seconds.toFixed(2)} s = ${Math.round(ours.pdfs / ours.seconds).toLocaleString("en")} documents/s`,
        `  peak memory above start: ${line(ours.memory)}; read back with fflate's streaming Unzip: every entry a %PDF-`,
        `baseline (findMany all, every PDF read, then zipSync) on ${base.documents.toLocaleString("en")} documents: ${base.seconds.toFixed(2)} s, ${(base.bytes / MB).toFixed(1)} MB`,
        `  peak memory above start: ${line(base.memory)}`,
        `  live peaks (after each collection, and a forced one at the end), both sides; per 1,000 documents: streamed ${perThousand(ours.memory, ours.pdfs)} vs baseline ${perThousand(base.memory, base.documents)}`,
        `  ratio: heap+buffers ${((base.memory.heap + base.memory.buffers) / Math.max(1, ours.memory.heap + ours.memory.buffers)).toFixed(1)}x the streamed export's`,
      ].join("\n"),
    );
  } finally {
    await rm(filesDir, { recursive: true, force: true });
  }
}
