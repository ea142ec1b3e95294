import { messagesFor } from "../messages/index.ts";
import { button, greeting, paragraph, quote, renderEmail, type TEmail, type TEmailBase } from "./layout.ts";

export interface TSupportReplyEmail extends TEmailBase {
  customerName: string;
  agentName: string;
  /** The conversation's subject as the customer wrote it. */
  conversationSubject: string;
  /** The agent's reply, plain text; line breaks are kept. */
  message: string;
  conversationUrl: string;
}

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
      button(s.button, data.conversationUrl),
      paragraph(s.replyHint),
    ],
  });
}
