import { formatDateTime, formatMoney } from "../format.ts";
import { messagesFor } from "../messages/index.ts";
import { button, facts, greeting, list, paragraph, renderEmail, signOff, type TEmail, type TEmailBase } from "./layout.ts";
import { ticketLine, type TEmailTicket } from "./ticket-lines.ts";

interface TPaidAfterExpiryCommon extends TEmailBase {
  buyerName: string;
  orderReference: string;
  event: { name: string; startsAt: Date; timeZone: string; venueName: string };
}

/** The seats were still free: the tickets were issued (PDF attached). */
export interface TPaidAfterExpiryIssued extends TPaidAfterExpiryCommon {
  outcome: "tickets-issued";
  tickets: TEmailTicket[];
  orderUrl: string;
}

/** The seats were gone: the payment was refunded in full. */
export interface TPaidAfterExpiryRefunded extends TPaidAfterExpiryCommon {
  outcome: "refunded";
  amountMinor: number;
  currency: string;
  /** The event page, to try other seats. */
  eventUrl: string;
}

export type TPaidAfterExpiryEmail = TPaidAfterExpiryIssued | TPaidAfterExpiryRefunded;

export function paidAfterExpiryEmail(data: TPaidAfterExpiryEmail): TEmail {
  const m = messagesFor(data.locale).email;
  const p = m.paidAfterExpiry;
  const eventFacts: Array<[string, string]> = [
    [m.orderReference, data.orderReference],
    [m.event, data.event.name],
    [m.date, formatDateTime(data.event.startsAt, data.event.timeZone, data.locale)],
    [m.venue, data.event.venueName],
  ];
  const outcomeBlocks =
    data.outcome === "tickets-issued"
      ? [
          paragraph(p.issued),
          facts(eventFacts),
          list(data.tickets.map((ticket) => ticketLine(ticket, data.locale))),
          paragraph(p.issuedAttachments),
          button(p.viewOrder, data.orderUrl),
        ]
      : [
          paragraph(p.refunded),
          facts([...eventFacts, [p.refundAmount, formatMoney(data.amountMinor, data.currency, data.locale)]]),
          paragraph(p.timing),
          button(p.viewEvent, data.eventUrl),
        ];
  return renderEmail({
    ...data,
    subject: data.outcome === "tickets-issued" ? p.subjectIssued(data.event.name) : p.subjectRefunded(data.event.name),
    preheader: data.outcome === "tickets-issued" ? p.issued : p.refunded,
    blocks: [greeting(data.locale, data.buyerName), paragraph(p.explanation), ...outcomeBlocks, signOff(data.locale, data.platformName ?? "Marquee")],
  });
}
