import { supportReplyEmail, toLocale } from "@marquee/documents";
import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import type { Mailer } from "../mail/create-mailer.ts";
import { sendMailOnce, sentOrRetryLater } from "../mail/send-mail-once.ts";
import { conversationReference } from "../support/acknowledge-conversation.ts";
import { conversationLinkUrl } from "../support/conversation-link.ts";
import { agentFirstName } from "../support/get-thread.ts";
import { agentReplyMessageId, replyAddress } from "./reply-address.ts";

export interface TSupportMailDeps {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  mailLeaseMs?: number;
  webUrl: string;
  /** INBOUND_EMAIL_DOMAIN: Message-IDs and the Reply-To address. */
  inboundEmailDomain: string;
}

/** How many earlier Message-IDs a reply's References carries (the newest, oldest first). */
export const MAX_REFERENCES = 10;

export const agentReplyEmailKey = (supportMessageId: string) => `support-reply:${supportMessageId}`;

/**
 * The `support.message-added` job: an agent's answer (never an internal note, a buyer's or a
 * system message) goes to the requester by e-mail, at most once per message (sendMailOnce keyed by
 * the message id), in the conversation's language, threaded under the conversation's earlier
 * e-mails (In-Reply-To, References) with the conversation's reply address as Reply-To. The
 * Message-ID is kept on the message, so the buyer's answer to it threads back. Answers whether
 * this call sent it.
 */
export async function sendAgentReplyEmail(deps: TSupportMailDeps, supportMessageId: string): Promise<boolean> {
  const message = await deps.db.supportMessage.findUnique({
    where: { id: supportMessageId },
    select: {
      id: true,
      authorKind: true,
      internal: true,
      body: true,
      createdAt: true,
      author: { select: { name: true } },
      conversation: {
        select: {
          id: true,
          number: true,
          subject: true,
          requesterEmail: true,
          requesterName: true,
          locale: true,
          createdAt: true,
          organization: { select: { name: true } },
        },
      },
    },
  });
  if (!message || message.authorKind !== "AGENT" || message.internal) return false;
  const { conversation } = message;
  const domain = deps.inboundEmailDomain;
  // A requester "at" our inbound domain would mail the answer back to ourselves: a loop, never sent.
  if (conversation.requesterEmail.toLowerCase().endsWith(`@${domain}`)) return false;
  const earlier = await deps.db.supportMessage.findMany({
    where: { conversationId: conversation.id, emailMessageId: { not: null }, id: { not: message.id }, createdAt: { lte: message.createdAt } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_REFERENCES,
    select: { emailMessageId: true },
  });
  const references = earlier.map((row) => row.emailMessageId!).reverse();
  const agentName = agentFirstName(message.author?.name) ?? "Support";
  const messageId = agentReplyMessageId(message.id, domain);
  const result = await sendMailOnce(deps, {
    key: agentReplyEmailKey(message.id),
    to: conversation.requesterEmail,
    messageId,
    thread: {
      fromName: `${agentName} · ${conversation.organization.name}`,
      replyTo: replyAddress(conversation.id, domain),
      inReplyTo: references.at(-1),
      references,
    },
    template: supportReplyEmail({
      locale: toLocale(conversation.locale),
      customerName: conversation.requesterName ?? "",
      agentName,
      conversationReference: `${conversationReference(conversation.id)} · #${conversation.number}`,
      conversationSubject: conversation.subject,
      message: message.body,
      conversationUrl: conversationLinkUrl(deps.webUrl, conversation),
    }),
  });
  if (result.status !== "in-progress") {
    // Recorded after the send (or on the rerun after a crash): the buyer's answer threads by this id.
    await deps.db.supportMessage.updateMany({
      where: { id: message.id, emailSentAt: null },
      data: { emailMessageId: messageId, emailSentAt: deps.clock.now() },
    });
  }
  return sentOrRetryLater(result);
}
