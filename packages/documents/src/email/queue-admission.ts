import { formatDateTime } from "../format.ts";
import { messagesFor } from "../messages/index.ts";
import { button, greeting, paragraph, renderEmail, signOff, type TEmail, type TEmailBase } from "./layout.ts";

export interface TQueueAdmissionEmail extends TEmailBase {
  /** Absent when the waiting room knows only the e-mail address. */
  buyerName?: string;
  eventName: string;
  admissionUrl: string;
  expiresAt: Date;
  /** IANA zone to print the expiry in (the event's). */
  timeZone: string;
}

export function queueAdmissionEmail(data: TQueueAdmissionEmail): TEmail {
  const q = messagesFor(data.locale).email.queueAdmission;
  const expiry = q.expiresAt(formatDateTime(data.expiresAt, data.timeZone, data.locale));
  return renderEmail({
    ...data,
    subject: q.subject(data.eventName),
    preheader: expiry,
    blocks: [
      greeting(data.locale, data.buyerName),
      paragraph(q.intro(data.eventName)),
      button(q.button, data.admissionUrl),
      paragraph(expiry),
      paragraph(q.personalLink),
      signOff(data.locale, data.platformName ?? "Marquee"),
    ],
  });
}
