// @marquee/documents: pure renderers (data in, bytes or strings out) for tickets, invoices and e-mails.
export { renderTicketPdf, type TTicketPdfData, type TTicketPdfTicket, type TTicketSeat } from "./ticket/render-ticket-pdf.ts";
export {
  computeInvoiceTotals,
  renderInvoicePdf,
  type TCreditNoteData,
  type TInvoiceDocumentData,
  type TInvoiceLine,
  type TInvoicePdfData,
  type TInvoiceTotals,
  type TTaxGroup,
} from "./invoice/render-invoice-pdf.ts";
export { goodwillLineDescription } from "./invoice/goodwill-line.ts";
export { warmUpRenderers } from "./warm-up.ts";
export { inlineRenderer, pdfRenderer, startPdfRenderPool, type TPdfRenderer, type TPdfRenderPool, useRenderPool } from "./pool/render-pool.ts";
export * from "./email/index.ts";
export { formatMoney, formatDateTime, currencyDigits } from "./format.ts";
export { DEFAULT_LOCALE, isLocale, SUPPORTED_LOCALES, toLocale, type TLocale } from "./locale.ts";
export type { TPostalAddress } from "./types.ts";
