import { formatDateTime, formatMoney } from "../format.ts";
import { messagesFor } from "../messages/index.ts";
import { button, facts, greeting, heading, list, paragraph, renderEmail, signOff, type TEmail, type TEmailBase } from "./layout.ts";
import { ticketLine, type TEmailTicket } from "./ticket-lines.ts";

export interface TOrderConfirmationEmail extends TEmailBase {
  buyerName: string;
  orderReference: string;
  event: { name: string; startsAt: Date; timeZone: string; venueName: string };
  tickets: TEmailTicket[];
  totalMinor: number;
  currency: string;
  /** The order's signed link: it opens the order on any device without an account. */
  orderUrl: string;
  /** Until when orderUrl works (shown in the event's time zone). */
  orderLinkValidUntil: Date;
  /** The buyer has an account (they may also find the order there); guests are never sent to "your account". */
  buyerHasAccount: boolean;
  /** The invoice PDF is attached next to the tickets PDF. */
  invoiceAttached: boolean;
}

export function orderConfirmationEmail(data: TOrderConfirmationEmail): TEmail {
  const m = messagesFor(data.locale).email;
  const o = m.orderConfirmation;
  const platformName = data.platformName ?? "Marquee";
  return renderEmail({
    ...data,
    subject: o.subject(data.event.name, data.orderReference),
    preheader: o.intro(data.event.name),
    blocks: [
      greeting(data.locale, data.buyerName),
      paragraph(o.intro(data.event.name)),
      facts([
        [m.orderReference, data.orderReference],
        [m.event, data.event.name],
        [m.date, formatDateTime(data.event.startsAt, data.event.timeZone, data.locale)],
        [m.venue, data.event.venueName],
        [o.total, formatMoney(data.totalMinor, data.currency, data.locale)],
      ]),
      heading(`${o.ticketsHeading} (${m.ticketCount(data.tickets.length)})`),
      list(data.tickets.map((ticket) => ticketLine(ticket, data.locale))),
      paragraph(data.invoiceAttached ? o.attachmentsWithInvoice : o.attachmentsTicketsOnly),
      button(o.viewOrder, data.orderUrl),
      paragraph(o.linkNote(formatDateTime(data.orderLinkValidUntil, data.event.timeZone, data.locale))),
      ...(data.buyerHasAccount ? [paragraph(o.accountNote)] : []),
      signOff(data.locale, platformName),
    ],
  });
}
