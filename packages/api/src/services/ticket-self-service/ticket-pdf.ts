import { createHash } from "node:crypto";
import { pdfRenderer } from "@marquee/documents";
import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import type { FileStore } from "../files/file-store.ts";
import { loadDocumentOrder, ticketsPdfInput } from "../fulfilment/order-documents.ts";
import { loadOrderTickets } from "../tickets/list-order-tickets.ts";

/**
 * The PDF of one ticket a transfer issued, for its recipient: that ticket alone, printed with the
 * recipient's name, while it is valid. Cached in the file store per version of its inputs, like the
 * order's tickets PDF.
 */
export async function renderTransferredTicketPdf(deps: { db: Db; files?: FileStore }, ticketId: string): Promise<{ shortCode: string; body: Buffer }> {
  const row = await deps.db.ticket.findUnique({ where: { id: ticketId }, select: { orderId: true, holderName: true } });
  if (!row) throw new AppError("NOT_FOUND", "No such document.");
  const ticket = (await loadOrderTickets(deps.db, row.orderId)).find((t) => t.id === ticketId);
  if (!ticket || ticket.status !== "VALID" || !ticket.transferredFromTicketId) throw new AppError("NOT_FOUND", "This ticket is no longer valid.");
  const order = await loadDocumentOrder(deps.db, row.orderId);
  const input = ticketsPdfInput({ ...order, buyerName: ticket.holderName ?? order.buyerName }, [ticket]);
  if (!deps.files) return { shortCode: ticket.shortCode, body: await pdfRenderer().ticket(input) };
  const key = `tickets/${order.id}/ticket-${ticket.id}-${createHash("sha256").update(JSON.stringify(input)).digest("hex")}.pdf`;
  const cached = await deps.files.get(key);
  if (cached) return { shortCode: ticket.shortCode, body: cached };
  const body = await pdfRenderer().ticket(input);
  await deps.files.put(key, body, "application/pdf");
  return { shortCode: ticket.shortCode, body };
}
