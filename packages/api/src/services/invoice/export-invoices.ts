import { type InvoiceModel as Invoice, Prisma } from "@marquee/db";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { recordAudit, type TAuditActor } from "../audit/record-audit.ts";
import { type TZipEntry, zipArchiveStream } from "../files/zip-archive-stream.ts";
import { csvStream } from "../orders/csv-stream.ts";
import { invoicePdfBytes } from "./invoice-pdf.ts";
import type { TInvoiceDeps } from "./types.ts";

/** The longest period one archive covers (a leap year). */
export const MAX_INVOICE_EXPORT_DAYS = 366;
/** Rows per database round trip; each page's PDFs are then read one at a time. */
const PAGE_SIZE = 100;
const DAY_MS = 86_400_000;

/** A period of issue dates, `to` excluded: calendar dates (YYYY-MM-DD) as printed on the documents. */
export const ZInvoiceExportPeriod = z.object({ from: z.iso.date(), to: z.iso.date() });
export type TInvoiceExportPeriod = z.infer<typeof ZInvoiceExportPeriod>;

export interface TInvoiceExportInput extends TInvoiceExportPeriod {
  organizationId: string;
  /** One event's documents; the whole organisation's when absent. */
  eventId?: string | null;
  actor: TAuditActor;
}

export interface TInvoiceExport {
  /** How many documents (invoices and credit notes) the archive holds, besides index.csv. */
  total: number;
  filename: string;
  stream: ReadableStream<Uint8Array>;
}

export const INVOICE_INDEX_COLUMNS = ["number", "kind", "date", "order_reference", "buyer", "net_minor", "tax_minor", "total_minor", "currency"] as const;

const INDEX_INCLUDE = { order: { select: { reference: true, buyerName: true } } } as const satisfies Prisma.InvoiceInclude;
type TIndexedInvoice = Invoice & Prisma.InvoiceGetPayload<{ include: typeof INDEX_INCLUDE }>;

/** Checks the period: real dates, `to` after `from` (VALIDATION_ERROR), at most 366 days (LIMIT_EXCEEDED). */
export function assertInvoiceExportPeriod(period: TInvoiceExportPeriod): void {
  if (!ZInvoiceExportPeriod.safeParse(period).success) throw new AppError("VALIDATION_ERROR", "Give the period as two dates (YYYY-MM-DD).");
  const days = (Date.parse(period.to) - Date.parse(period.from)) / DAY_MS;
  if (!(days >= 1)) throw new AppError("VALIDATION_ERROR", "The period must end after it starts.", { from: period.from, to: period.to });
  if (days > MAX_INVOICE_EXPORT_DAYS)
    throw new AppError("LIMIT_EXCEEDED", `A period covers at most ${MAX_INVOICE_EXPORT_DAYS} days.`, { days, maxDays: MAX_INVOICE_EXPORT_DAYS });
}

/**
 * The documents of the period: a document's date is its issue date in the time zone printed on it
 * (the event's, kept in the snapshot), so the archive holds exactly what an accountant's dates say.
 */
const periodWhere = (input: TInvoiceExportInput) => Prisma.sql`
  i."organizationId" = ${input.organizationId}::uuid
  AND ((i."issuedAt" AT TIME ZONE 'UTC') AT TIME ZONE (i.snapshot->>'timeZone'))::date >= ${input.from}::date
  AND ((i."issuedAt" AT TIME ZONE 'UTC') AT TIME ZONE (i.snapshot->>'timeZone'))::date < ${input.to}::date
  ${input.eventId ? Prisma.sql`AND o."eventId" = ${input.eventId}::uuid` : Prisma.empty}`;

async function countDocuments(deps: TInvoiceDeps, input: TInvoiceExportInput): Promise<number> {
  const [row] = await deps.db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "Invoice" i JOIN "Order" o ON o.id = i."orderId" WHERE ${periodWhere(input)}`;
  return row?.count ?? 0;
}

/** The period's documents in number order, a page at a time (ids by the period, then the rows). */
async function* documentPages(deps: TInvoiceDeps, input: TInvoiceExportInput): AsyncGenerator<TIndexedInvoice[]> {
  let after = 0;
  for (;;) {
    const ids = await deps.db.$queryRaw<{ id: string; number: number }[]>`
      SELECT i.id, i.number FROM "Invoice" i JOIN "Order" o ON o.id = i."orderId"
      WHERE ${periodWhere(input)} AND i.number > ${after}
      ORDER BY i.number LIMIT ${PAGE_SIZE}`;
    if (ids.length === 0) return;
    after = ids.at(-1)!.number;
    yield await deps.db.invoice.findMany({ where: { id: { in: ids.map((row) => row.id) } }, orderBy: { number: "asc" }, include: INDEX_INCLUDE });
    if (ids.length < PAGE_SIZE) return;
  }
}

const indexRow = (invoice: TIndexedInvoice, date: string): unknown[] => [
  invoice.displayNumber,
  invoice.kind === "CREDIT_NOTE" ? "credit-note" : "invoice",
  date,
  invoice.order.reference,
  invoice.order.buyerName,
  invoice.netMinor,
  invoice.taxMinor,
  invoice.totalMinor,
  invoice.currency,
];

/** The issue date as printed: YYYY-MM-DD in the document's time zone. */
const printedDate = (invoice: Invoice): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: (invoice.snapshot as { timeZone?: string }).timeZone ?? "UTC" }).format(invoice.issuedAt);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The archive's entries: each document's PDF (read from the file store, or rendered from its
 * snapshot when missing), one at a time as the archive asks for it, then index.csv of what was
 * written. The index holds one small row per document; the PDFs never pile up.
 */
async function* archiveEntries(deps: TInvoiceDeps, input: TInvoiceExportInput): AsyncGenerator<TZipEntry> {
  const index: unknown[][] = [];
  for await (const page of documentPages(deps, input)) {
    for (const invoice of page) {
      const date = printedDate(invoice);
      yield { name: `${invoice.displayNumber}.pdf`, bytes: await invoicePdfBytes(deps, invoice), date: invoice.issuedAt };
      index.push(indexRow(invoice, date));
    }
  }
  const csv = await readAll(
    csvStream(
      INVOICE_INDEX_COLUMNS,
      (async function* () {
        yield index;
      })(),
    ),
  );
  yield { name: "index.csv", bytes: csv, date: deps.clock.now() };
}

/**
 * Starts an invoice archive: checks the period and that the event is the organisation's, counts
 * the documents (for the progress bar), records `export.invoices` (who, period, count), and answers
 * a ZIP stream that is written as the reader takes it.
 */
export async function startInvoiceExport(deps: TInvoiceDeps, input: TInvoiceExportInput): Promise<TInvoiceExport> {
  assertInvoiceExportPeriod(input);
  const { db } = deps;
  const event = input.eventId
    ? await db.event.findFirst({ where: { id: input.eventId, organizationId: input.organizationId }, select: { id: true, slug: true } })
    : null;
  if (input.eventId && !event) throw new AppError("NOT_FOUND", "Event not found.");
  const total = await countDocuments(deps, input);
  await db.$transaction((tx: Prisma.TransactionClient) =>
    recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: "export.invoices",
      targetType: event ? "event" : "organization",
      targetId: event?.id ?? input.organizationId,
      data: { from: input.from, to: input.to, documents: total },
    }),
  );
  const filename = `invoices-${event?.slug ?? "all-events"}-${input.from}-to-${input.to}.zip`;
  return { total, filename, stream: zipArchiveStream(archiveEntries(deps, input)) };
}
