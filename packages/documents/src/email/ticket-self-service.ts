import { formatDateTime } from "../format.ts";
import type { TLocale } from "../locale.ts";
import { messagesFor } from "../messages/index.ts";
import { button, facts, greeting, paragraph, quote, renderEmail, signOff, type TEmail, type TEmailBase } from "./layout.ts";

// The ticket self-service e-mails: a transfer told to the buyer and to the recipient, and a
// buyer's refund request told to the organiser. Their strings live here, one table per language.

const en = {
  sentSubject: (event: string) => `You transferred a ticket for ${event}`,
  sentIntro: (event: string, recipient: string) =>
    `You transferred a ticket for ${event} to ${recipient}. Its old code no longer works at the door; they have a new ticket of their own.`,
  receivedSubject: (event: string) => `A ticket for ${event} is yours`,
  receivedIntro: (from: string, event: string) => `${from} transferred a ticket for ${event} to you.`,
  receivedHowTo: "Open your ticket to show its QR code at the entrance, or download it as a PDF. Keep this e-mail: the link is your ticket.",
  openTicket: "Open your ticket",
  viewOrder: "View your order",
  ticket: "Ticket",
  seat: (section: string, row: string, seat: string) => `${section}, row ${row}, seat ${seat}`,
  holder: "Holder",
  startsAt: "Starts",
  recipient: "Transferred to",
  requestSubject: (reference: string) => `Refund request for order ${reference}`,
  requestIntro: (buyer: string, event: string, count: string) => `${buyer} asks for a refund of ${count} for ${event}.`,
  requestTickets: (count: number) => (count === 1 ? "1 ticket" : `${count} tickets`),
  requestReason: "Their reason:",
  requestAction: "Approve or decline it in the console; approving it refunds the tickets through the usual refund.",
  openConsole: "Open the console",
  buyer: "Buyer",
};

type TStrings = typeof en;

const de: TStrings = {
  sentSubject: (event) => `Du hast ein Ticket für ${event} übertragen`,
  sentIntro: (event, recipient) =>
    `Du hast ein Ticket für ${event} an ${recipient} übertragen. Sein alter Code gilt am Einlass nicht mehr; die neue Inhaberin oder der neue Inhaber hat ein eigenes Ticket erhalten.`,
  receivedSubject: (event) => `Ein Ticket für ${event} gehört jetzt dir`,
  receivedIntro: (from, event) => `${from} hat dir ein Ticket für ${event} übertragen.`,
  receivedHowTo: "Öffne dein Ticket, um den QR-Code am Einlass zu zeigen, oder lade es als PDF herunter. Bewahre diese E-Mail auf: Der Link ist dein Ticket.",
  openTicket: "Ticket öffnen",
  viewOrder: "Bestellung ansehen",
  ticket: "Ticket",
  seat: (section, row, seat) => `${section}, Reihe ${row}, Platz ${seat}`,
  holder: "Inhaber/in",
  startsAt: "Beginn",
  recipient: "Übertragen an",
  requestSubject: (reference) => `Erstattungsantrag für Bestellung ${reference}`,
  requestIntro: (buyer, event, count) => `${buyer} bittet um die Erstattung von ${count} für ${event}.`,
  requestTickets: (count) => (count === 1 ? "1 Ticket" : `${count} Tickets`),
  requestReason: "Begründung:",
  requestAction: "Genehmige oder lehne den Antrag in der Konsole ab; eine Genehmigung erstattet die Tickets auf dem üblichen Weg.",
  openConsole: "Konsole öffnen",
  buyer: "Käufer/in",
};

const STRINGS: Record<TLocale, TStrings> = { en, de };

interface TTransferTicket {
  typeName: string;
  seat?: { section: string; row: string; seat: string };
}

interface TTransferEvent {
  name: string;
  startsAt: Date;
  timeZone: string;
}

const ticketLabel = (s: TStrings, ticket: TTransferTicket) =>
  ticket.seat ? `${ticket.typeName} — ${s.seat(ticket.seat.section, ticket.seat.row, ticket.seat.seat)}` : ticket.typeName;

export interface TTicketTransferSentEmail extends TEmailBase {
  buyerName: string;
  orderReference: string;
  event: TTransferEvent;
  ticket: TTransferTicket;
  recipientName: string;
  /** Masked, as the order page shows it. */
  recipientEmail: string;
  orderUrl: string;
}

/** To the buyer: the ticket they transferred, and to whom. */
export function ticketTransferSentEmail(data: TTicketTransferSentEmail): TEmail {
  const s = STRINGS[data.locale];
  const m = messagesFor(data.locale).email;
  const recipient = `${data.recipientName} (${data.recipientEmail})`;
  return renderEmail({
    ...data,
    subject: s.sentSubject(data.event.name),
    preheader: s.sentIntro(data.event.name, recipient),
    blocks: [
      greeting(data.locale, data.buyerName),
      paragraph(s.sentIntro(data.event.name, recipient)),
      facts([
        [m.orderReference, data.orderReference],
        [s.ticket, ticketLabel(s, data.ticket)],
        [s.recipient, recipient],
      ]),
      button(s.viewOrder, data.orderUrl),
      signOff(data.locale, data.platformName ?? "Marquee"),
    ],
  });
}

export interface TTicketTransferReceivedEmail extends TEmailBase {
  recipientName: string;
  fromName: string;
  event: TTransferEvent & { venueName: string };
  ticket: TTransferTicket;
  /** The signed, expiring link to the recipient's ticket page. */
  ticketUrl: string;
}

/** To the recipient: their new ticket, behind a signed link. */
export function ticketTransferReceivedEmail(data: TTicketTransferReceivedEmail): TEmail {
  const s = STRINGS[data.locale];
  const m = messagesFor(data.locale).email;
  return renderEmail({
    ...data,
    subject: s.receivedSubject(data.event.name),
    preheader: s.receivedIntro(data.fromName, data.event.name),
    blocks: [
      greeting(data.locale, data.recipientName),
      paragraph(s.receivedIntro(data.fromName, data.event.name)),
      facts([
        [m.event, `${data.event.name}, ${data.event.venueName}`],
        [s.startsAt, formatDateTime(data.event.startsAt, data.event.timeZone, data.locale)],
        [s.ticket, ticketLabel(s, data.ticket)],
        [s.holder, data.recipientName],
      ]),
      button(s.openTicket, data.ticketUrl),
      paragraph(s.receivedHowTo),
      signOff(data.locale, data.platformName ?? "Marquee"),
    ],
  });
}

export interface TRefundRequestEmail extends TEmailBase {
  organiserName?: string;
  buyerName: string;
  buyerEmail: string;
  orderReference: string;
  eventName: string;
  ticketCount: number;
  reason: string;
  consoleUrl: string;
}

/** To the organisation's owners and admins: a buyer asks for a refund. */
export function refundRequestEmail(data: TRefundRequestEmail): TEmail {
  const s = STRINGS[data.locale];
  const m = messagesFor(data.locale).email;
  const intro = s.requestIntro(data.buyerName, data.eventName, s.requestTickets(data.ticketCount));
  return renderEmail({
    ...data,
    subject: s.requestSubject(data.orderReference),
    preheader: intro,
    blocks: [
      greeting(data.locale, data.organiserName),
      paragraph(intro),
      facts([
        [m.orderReference, data.orderReference],
        [s.buyer, `${data.buyerName} <${data.buyerEmail}>`],
      ]),
      paragraph(s.requestReason),
      quote(data.reason),
      paragraph(s.requestAction),
      button(s.openConsole, data.consoleUrl),
      signOff(data.locale, data.platformName ?? "Marquee"),
    ],
  });
}
