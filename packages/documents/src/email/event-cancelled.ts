import { formatDateTime } from "../format.ts";
import { messagesFor } from "../messages/index.ts";
import { button, greeting, paragraph, renderEmail, signOff, type TEmail, type TEmailBase } from "./layout.ts";

export interface TEventCancelledEmail extends TEmailBase {
  buyerName: string;
  eventName: string;
  startsAt: Date;
  /** IANA zone to print the start in (the event's). */
  timeZone: string;
  /** The organiser's words, if any. */
  reason: string | null;
  orderUrl: string;
}

/** The event was cancelled: every buyer hears it once, the refund itself follows in its own e-mail. */
export function eventCancelledEmail(data: TEventCancelledEmail): TEmail {
  const m = messagesFor(data.locale).email.eventCancelled;
  const intro = m.intro(data.eventName, formatDateTime(data.startsAt, data.timeZone, data.locale));
  return renderEmail({
    ...data,
    subject: m.subject(data.eventName),
    preheader: intro,
    blocks: [
      greeting(data.locale, data.buyerName),
      paragraph(intro),
      ...(data.reason ? [paragraph(m.reason(data.reason))] : []),
      paragraph(m.refund),
      button(m.button, data.orderUrl),
      signOff(data.locale, data.platformName ?? "Marquee"),
    ],
  });
}
