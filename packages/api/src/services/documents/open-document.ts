import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import type { FileStore } from "../files/file-store.ts";
import { renderOrderTicketsPdf } from "../fulfilment/order-documents.ts";
import { getInvoicePdf } from "../invoice/invoice-pdf.ts";
import { renderTransferredTicketPdf } from "../ticket-self-service/ticket-pdf.ts";
import { readDocumentLink } from "./document-links.ts";

export interface TOpenedDocument {
  filename: string;
  body: Buffer;
}

/**
 * The PDF a signed link names: the order's tickets (rendered now, valid tickets only) or a stored
 * invoice or credit note (re-rendered from its snapshot if the file was lost). A forged link is
 * NOT_FOUND, an old one LINK_EXPIRED.
 */
export async function openDocument(deps: { db: Db; files: FileStore; clock: Clock }, token: string): Promise<TOpenedDocument> {
  const link = readDocumentLink(token, deps.clock.now());
  if (!link.ok)
    throw link.reason === "EXPIRED"
      ? new AppError("LINK_EXPIRED", "This download link has expired; open the order again for a new one.")
      : new AppError("NOT_FOUND", "No such document.");
  if (link.ref.kind === "tickets") {
    const { reference, body } = await renderOrderTicketsPdf(deps, link.ref.orderId);
    return { filename: `tickets-${reference}.pdf`, body };
  }
  if (link.ref.kind === "ticket") {
    const { shortCode, body } = await renderTransferredTicketPdf(deps, link.ref.ticketId);
    return { filename: `ticket-${shortCode}.pdf`, body };
  }
  const invoice = await deps.db.invoice.findUnique({ where: { id: link.ref.invoiceId }, select: { id: true, kind: true, displayNumber: true } });
  if (!invoice) throw new AppError("NOT_FOUND", "No such document.");
  const body = await getInvoicePdf(deps, { invoiceId: invoice.id });
  return { filename: `${invoice.kind === "CREDIT_NOTE" ? "credit-note" : "invoice"}-${invoice.displayNumber}.pdf`, body };
}
