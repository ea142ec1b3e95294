import { messagesFor } from "../messages/index.ts";
import { button, facts, greeting, paragraph, quote, renderEmail, type TEmail, type TEmailBase } from "./layout.ts";

export interface TSupportReplyEmail extends TEmailBase {
  customerName: string;
  agentName: string;
  /** The conversation's reference and number as agents quote it, e.g. "S-0192AB3C · #1042". */
  conversationReference: string;
  /** The conversation's subject as the customer wrote it. */
  conversationSubject: string;
  /** The agent's reply, plain text; line breaks are kept. */
  message: string;
  conversationUrl: string;
}

/** An agent answered: the reply itself, the reference, and the two ways to answer (reply to the e-mail, or the link). */
export function supportReplyEmail(data: TSupportReplyEmail): TEmail {
  const s = messagesFor(data.locale).email.supportReply;
  return renderEmail({
    ...data,
    subject: s.subject(data.conversationSubject),
    preheader: s.intro(data.agentName),
    blocks: [
      greeting(data.locale, data.customerName),
      paragraph(s.intro(data.agentName)),
      quote(data.message),
      paragraph(s.agentSignature(data.agentName)),
      facts([[s.reference, data.conversationReference]]),
      button(s.button, data.conversationUrl),
      paragraph(s.replyHint),
    ],
  });
}
