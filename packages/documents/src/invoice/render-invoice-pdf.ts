import { renderToBuffer } from "@react-pdf/renderer";
import { invoiceDocument } from "./invoice-document.ts";
import type { TInvoicePdfData } from "./invoice-data.ts";

export type { TCreditNoteData, TInvoiceDocumentData, TInvoiceLine, TInvoicePdfData } from "./invoice-data.ts";
export { computeInvoiceTotals, type TInvoiceTotals, type TTaxGroup } from "./compute-invoice-totals.ts";

/** An invoice or, with kind "credit-note", a credit note for a refund; A4, as many pages as the lines need. */
export async function renderInvoicePdf(data: TInvoicePdfData): Promise<Buffer> {
  if (data.lines.length === 0) throw new Error("renderInvoicePdf needs at least one line");
  return renderToBuffer(invoiceDocument(data));
}
