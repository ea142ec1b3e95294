import { formatDateTime } from "../format.ts";
import { messagesFor } from "../messages/index.ts";
import { button, greeting, paragraph, renderEmail, signOff, type TEmail, type TEmailBase } from "./layout.ts";

export interface TWaitingListOfferEmail extends TEmailBase {
  buyerName?: string;
  eventName: string;
  ticketTypeName: string;
  quantity: number;
  /** The web site's offer page with the token. */
  offerUrl: string;
  offerExpiresAt: Date;
  /** IANA zone to print the expiry in (the event's). */
  timeZone: string;
}

/** A waiting-list entry's turn: returned tickets are kept for the buyer until the offer runs out. */
export function waitingListOfferEmail(data: TWaitingListOfferEmail): TEmail {
  const w = messagesFor(data.locale).email.waitingListOffer;
  const expiry = w.expiresAt(formatDateTime(data.offerExpiresAt, data.timeZone, data.locale));
  return renderEmail({
    ...data,
    subject: w.subject(data.eventName),
    preheader: expiry,
    blocks: [
      greeting(data.locale, data.buyerName),
      paragraph(w.intro(data.quantity, data.ticketTypeName, data.eventName)),
      button(w.button, data.offerUrl),
      paragraph(expiry),
      paragraph(w.passesOn),
      signOff(data.locale, data.platformName ?? "Marquee"),
    ],
  });
}
