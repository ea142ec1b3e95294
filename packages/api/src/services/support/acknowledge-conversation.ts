import { supportAcknowledgementEmail, toLocale } from "@marquee/documents";
import type { Db } from "@marquee/db";
import type { Mailer } from "../mail/create-mailer.ts";
import { sendMailOnce, sentOrRetryLater } from "../mail/send-mail-once.ts";
import { acknowledgementMessageId, readInboundEmailDomain, replyAddress } from "../support-mail/reply-address.ts";
import { conversationLinkUrl } from "./conversation-link.ts";

export const acknowledgementEmailKey = (conversationId: string) => `support-ack:${conversationId}`;

/** The short reference a buyer and the agents can quote: `S-` and the id's first 8 characters. */
export const conversationReference = (conversationId: string) => `S-${conversationId.replaceAll("-", "").slice(0, 8).toUpperCase()}`;

/**
 * The `support.conversation-started` job: tells the requester their message arrived, with its
 * reference, what happens next and a signed link back to the conversation that works on any
 * device (guests included). Once per conversation; answers whether this call sent it.
 */
export async function acknowledgeConversation(
  deps: { db: Db; mailer: Mailer; mailLeaseMs?: number; webUrl: string; inboundEmailDomain?: string },
  conversationId: string,
): Promise<boolean> {
  const conversation = await deps.db.supportConversation.findUnique({
    where: { id: conversationId },
    select: {
      id: true,
      subject: true,
      requesterEmail: true,
      requesterName: true,
      locale: true,
      createdAt: true,
      order: { select: { reference: true } },
      // A conversation opened by e-mail: the acknowledgement answers that e-mail.
      messages: { where: { emailMessageId: { not: null } }, orderBy: { createdAt: "asc" }, take: 1, select: { emailMessageId: true } },
    },
  });
  if (!conversation) return false;
  const domain = deps.inboundEmailDomain ?? readInboundEmailDomain();
  const opening = conversation.messages[0]?.emailMessageId ?? undefined;
  const result = await sendMailOnce(deps, {
    key: acknowledgementEmailKey(conversation.id),
    to: conversation.requesterEmail,
    // A reply to the acknowledgement lands in the conversation (by the Reply-To's token, or by In-Reply-To).
    messageId: acknowledgementMessageId(conversation.id, domain),
    // Auto-Submitted: an autoresponder that answers it is told not to (no mail loops).
    thread: { replyTo: replyAddress(conversation.id, domain), inReplyTo: opening, references: opening ? [opening] : [], autoReplied: true },
    template: supportAcknowledgementEmail({
      locale: toLocale(conversation.locale),
      customerName: conversation.requesterName,
      conversationReference: conversationReference(conversation.id),
      conversationSubject: conversation.subject,
      orderReference: conversation.order?.reference ?? null,
      conversationUrl: conversationLinkUrl(deps.webUrl, conversation),
    }),
  });
  return sentOrRetryLater(result);
}
