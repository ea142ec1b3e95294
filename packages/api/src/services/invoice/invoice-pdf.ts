import type { InvoiceModel as Invoice } from "@marquee/db";
import { pdfRenderer, type TInvoicePdfData } from "@marquee/documents";
import { AppError } from "../../errors.ts";
import { toInvoiceLines } from "./build-invoice-snapshot.ts";
import type { TInvoiceDeps, TInvoiceSnapshot } from "./types.ts";

export function snapshotToPdfData(snapshot: TInvoiceSnapshot): TInvoicePdfData {
  const common = {
    locale: snapshot.locale,
    number: snapshot.number,
    issueDate: new Date(snapshot.issueDate),
    supplyDate: new Date(snapshot.supplyDate),
    timeZone: snapshot.timeZone,
    seller: snapshot.seller,
    buyer: snapshot.buyer,
    currency: snapshot.currency,
    priceMode: snapshot.priceMode,
    lines: toInvoiceLines(snapshot.lines),
    paymentReference: snapshot.paymentReference,
  };
  if (snapshot.kind === "credit-note") return { ...common, kind: "credit-note", originalInvoiceNumber: snapshot.originalInvoiceNumber ?? "" };
  return { ...common, kind: "invoice" };
}

/** Where an invoice's PDF lives in the file store. */
export const invoicePdfKey = (invoice: Pick<Invoice, "organizationId" | "id">): string => `invoices/${invoice.organizationId}/${invoice.id}.pdf`;

/** Rendered by the process's PDF renderer: a worker's thread pool, or inline. */
export const renderSnapshotPdf = (invoice: Pick<Invoice, "snapshot">): Promise<Buffer> =>
  pdfRenderer().invoice(snapshotToPdfData(invoice.snapshot as unknown as TInvoiceSnapshot));

/**
 * Renders and stores the PDF of an issued invoice whose pdfPath is still null (the step after the
 * insert commits; a crash in between leaves pdfPath null and the next call completes it). Rendering
 * twice is harmless: same snapshot, same key, atomic replace.
 */
export async function completeInvoicePdf(deps: TInvoiceDeps, invoice: Invoice): Promise<Invoice> {
  if (invoice.pdfPath !== null) return invoice;
  const key = invoicePdfKey(invoice);
  await deps.files.put(key, await renderSnapshotPdf(invoice), "application/pdf");
  await deps.db.invoice.updateMany({ where: { id: invoice.id, pdfPath: null }, data: { pdfPath: key } });
  return { ...invoice, pdfPath: key };
}

/**
 * The PDF bytes of an invoice or credit note. A missing file (lost disk, never written) is
 * re-rendered from the snapshot and stored again. Give `organizationId` when serving an
 * organiser: another organisation's invoice is then NOT_FOUND.
 */
export async function getInvoicePdf(deps: TInvoiceDeps, input: { invoiceId: string; organizationId?: string }): Promise<Buffer> {
  const invoice = await deps.db.invoice.findFirst({
    where: { id: input.invoiceId, ...(input.organizationId ? { organizationId: input.organizationId } : {}) },
  });
  if (!invoice) throw new AppError("NOT_FOUND", "Invoice not found.", { invoiceId: input.invoiceId });
  return invoicePdfBytes(deps, invoice);
}

/** The PDF of a loaded invoice row: the stored file, or (missing) rendered from the snapshot and stored again. */
export async function invoicePdfBytes(deps: TInvoiceDeps, invoice: Invoice): Promise<Buffer> {
  const stored = invoice.pdfPath ? await deps.files.get(invoice.pdfPath) : null;
  if (stored) return stored;
  const bytes = await renderSnapshotPdf(invoice);
  const key = invoice.pdfPath ?? invoicePdfKey(invoice);
  await deps.files.put(key, bytes, "application/pdf");
  if (!invoice.pdfPath) await deps.db.invoice.updateMany({ where: { id: invoice.id, pdfPath: null }, data: { pdfPath: key } });
  return bytes;
}
