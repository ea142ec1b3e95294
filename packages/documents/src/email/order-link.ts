import { formatDateTime } from "../format.ts";
import { messagesFor } from "../messages/index.ts";
import { button, greeting, paragraph, renderEmail, signOff, type TEmail, type TEmailBase } from "./layout.ts";

export interface TOrderLinkEmail extends TEmailBase {
  buyerName: string;
  orderReference: string;
  eventName: string;
  /** The order's signed link. */
  orderUrl: string;
  validUntil: Date;
  /** The zone validUntil is shown in (the event's). */
  timeZone: string;
}

/** "Find my order": the link to the order again, on request. */
export function orderLinkEmail(data: TOrderLinkEmail): TEmail {
  const s = messagesFor(data.locale).email.orderLink;
  return renderEmail({
    ...data,
    subject: s.subject(data.orderReference),
    preheader: s.intro(data.eventName),
    blocks: [
      greeting(data.locale, data.buyerName),
      paragraph(s.intro(data.eventName)),
      button(s.button, data.orderUrl),
      paragraph(s.validUntil(formatDateTime(data.validUntil, data.timeZone, data.locale))),
      paragraph(s.keepPrivate),
      paragraph(s.notYou),
      signOff(data.locale, data.platformName ?? "Marquee"),
    ],
  });
}
