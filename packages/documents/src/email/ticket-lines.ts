import type { TLocale } from "../locale.ts";
import { messagesFor } from "../messages/index.ts";
import type { TTicketSeat } from "../ticket/ticket-data.ts";

export interface TEmailTicket {
  typeName: string;
  seat?: TTicketSeat;
  holderName?: string;
  shortCode: string;
}

/** "Category 1 · Section B, Row 7, Seat 12 · Ana Müller · K7QF-93XD" */
export function ticketLine(ticket: TEmailTicket, locale: TLocale): string {
  const m = messagesFor(locale).email;
  return [ticket.typeName, ticket.seat && m.seat(ticket.seat), ticket.holderName, ticket.shortCode].filter(Boolean).join(" · ");
}
