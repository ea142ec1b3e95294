import { renderToBuffer } from "@react-pdf/renderer";
import type { TTicketPdfData } from "./ticket-data.ts";
import { ticketDocument } from "./ticket-document.ts";

export type { TTicketPdfData, TTicketPdfTicket, TTicketSeat } from "./ticket-data.ts";

/** One A4 page per ticket of an order, as a single PDF. */
export async function renderTicketPdf(data: TTicketPdfData): Promise<Buffer> {
  if (data.tickets.length === 0) throw new Error("renderTicketPdf needs at least one ticket");
  return renderToBuffer(ticketDocument(data));
}
