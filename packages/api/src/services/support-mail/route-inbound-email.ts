import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import type { TInboundMessage } from "./inbound-message.ts";
import { conversationOfAcknowledgementId, conversationOfReplyAddress } from "./reply-address.ts";

// Where an inbound e-mail goes, in this order: (1) a reply address with a genuine token, (2) a
// Message-ID of the conversation's e-mails in In-Reply-To/References, (3) an organisation's support
// address (a new conversation). (1) and (2) need the sender to be the conversation's requester:
// knowing a reply address or a Message-ID must not let anyone else write into a conversation,
// so a stranger's mail becomes a new conversation of that organisation (when it has a support
// address) or is refused.

export type TInboundRoute =
  | { kind: "reply"; organizationId: string; conversationId: string; via: "token" | "thread" }
  | { kind: "new"; organizationId: string; via: "address" | "redirected" };

const unroutable = (reason: string, message: string) => new AppError("UNROUTABLE_EMAIL", message, { reason });

const CONVERSATION_SELECT = { id: true, organizationId: true, requesterEmail: true, mergedIntoId: true } as const;

/** The conversation, or the one it was merged into (one hop: merges point at a conversation that is not merged itself). */
async function conversationFollowingMerge(db: Db, id: string) {
  const conversation = await db.supportConversation.findUnique({ where: { id }, select: CONVERSATION_SELECT });
  if (!conversation?.mergedIntoId) return conversation;
  return (await db.supportConversation.findUnique({ where: { id: conversation.mergedIntoId }, select: CONVERSATION_SELECT })) ?? conversation;
}

async function conversationByToken(db: Db, message: TInboundMessage, domain: string) {
  for (const recipient of message.recipients) {
    const id = conversationOfReplyAddress(recipient, domain);
    const conversation = id ? await conversationFollowingMerge(db, id) : null;
    if (conversation) return conversation;
  }
  return null;
}

async function conversationByThread(db: Db, message: TInboundMessage, domain: string) {
  if (message.threadIds.length === 0) return null;
  const known = await db.supportMessage.findFirst({
    where: { emailMessageId: { in: message.threadIds.slice(0, 50) } },
    orderBy: { createdAt: "desc" },
    select: { conversationId: true },
  });
  if (known) return conversationFollowingMerge(db, known.conversationId);
  for (const threadId of message.threadIds.slice(0, 50)) {
    const id = conversationOfAcknowledgementId(threadId, domain);
    const conversation = id ? await conversationFollowingMerge(db, id) : null;
    if (conversation) return conversation;
  }
  return null;
}

const localPartsAt = (recipients: readonly string[], domain: string) =>
  recipients.filter((address) => address.endsWith(`@${domain}`)).map((address) => address.slice(0, -(domain.length + 1)));

/** Decides the conversation (or the organisation, for a new one) of an inbound e-mail; UNROUTABLE_EMAIL otherwise. */
export async function routeInboundEmail(db: Db, message: TInboundMessage, domain: string): Promise<TInboundRoute> {
  if (!message.from || message.from.address.length > 320) throw unroutable("no-sender", "The e-mail has no usable From address.");
  // Mail from our own inbound domain is a loop (a reply address given as someone's address): never taken.
  if (message.from.address.endsWith(`@${domain}`)) throw unroutable("loop", "The e-mail comes from the inbound domain itself.");
  const byToken = await conversationByToken(db, message, domain);
  const existing = byToken ?? (await conversationByThread(db, message, domain));
  if (existing) {
    if (existing.requesterEmail.toLowerCase() === message.from.address) {
      return { kind: "reply", organizationId: existing.organizationId, conversationId: existing.id, via: byToken ? "token" : "thread" };
    }
    const settings = await db.supportSettings.findUnique({ where: { organizationId: existing.organizationId }, select: { inboundLocalPart: true } });
    if (settings?.inboundLocalPart) return { kind: "new", organizationId: existing.organizationId, via: "redirected" };
    throw unroutable("sender-mismatch", "The sender is not the conversation's requester.");
  }
  const localParts = localPartsAt(message.recipients, domain).filter((part) => !part.startsWith("reply+"));
  if (localParts.length > 0) {
    const settings = await db.supportSettings.findFirst({
      where: { inboundLocalPart: { in: localParts, mode: "insensitive" } },
      select: { organizationId: true },
    });
    if (settings) return { kind: "new", organizationId: settings.organizationId, via: "address" };
  }
  throw unroutable("no-recipient", "No conversation and no support address matches the e-mail.");
}
