import { messagesFor } from "../messages/index.ts";
import { button, facts, greeting, paragraph, renderEmail, type TEmail, type TEmailBase } from "./layout.ts";

export interface TSupportAcknowledgementEmail extends TEmailBase {
  customerName: string | null;
  /** The conversation's short reference, as agents see it. */
  conversationReference: string;
  conversationSubject: string;
  orderReference: string | null;
  /** A link that opens the conversation for this requester on any device. */
  conversationUrl: string;
}

/** A buyer wrote to support: we have it, the reference, what happens next, and the way back. */
export function supportAcknowledgementEmail(data: TSupportAcknowledgementEmail): TEmail {
  const s = messagesFor(data.locale).email.supportAcknowledgement;
  const rows: Array<[string, string]> = [
    [s.reference, data.conversationReference],
    [s.topic, data.conversationSubject],
  ];
  if (data.orderReference) rows.push([s.order, data.orderReference]);
  return renderEmail({
    ...data,
    subject: s.subject(data.conversationSubject),
    preheader: s.intro,
    blocks: [
      greeting(data.locale, data.customerName ?? undefined),
      paragraph(s.intro),
      facts(rows),
      paragraph(s.nextSteps),
      button(s.button, data.conversationUrl),
      paragraph(s.linkNote),
    ],
  });
}
