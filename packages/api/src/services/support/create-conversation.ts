import type { Prisma } from "@marquee/db";
import { autoAssign } from "./auto-assign.ts";
import { nextConversationNumber } from "./conversation-number.ts";
import { openedByBuyer, slaTargets } from "./conversation-rules.ts";
import { announceConversationChange, announceSupportMessage } from "./support-events.ts";

export interface TNewConversation {
  organizationId: string;
  orderId: string | null;
  eventId: string | null;
  requesterId: string | null;
  requesterEmail: string;
  requesterName: string | null;
  locale: string;
  subject: string;
  channel: "WEB" | "EMAIL";
  accessTokenHash: string;
  /** The buyer's first message. */
  body: string;
  /** Inbound e-mail: the Message-ID that carried the first message. */
  emailMessageId?: string | null;
}

/**
 * Opens a conversation with the buyer's first message inside the caller's transaction, the one way
 * every channel (the web site, inbound e-mail) does it: the organisation's next number, the SLA
 * clock, the round-robin assignment when the organisation turned it on (auto-assign.ts), and the
 * live inbox's announcements.
 */
export async function createConversation(
  tx: Prisma.TransactionClient,
  input: TNewConversation,
  now: Date,
): Promise<{ id: string; number: number; messageId: string }> {
  const { body, emailMessageId, ...conversation } = input;
  const created = await tx.supportConversation.create({
    data: {
      ...conversation,
      requesterEmail: conversation.requesterEmail.toLowerCase(),
      number: await nextConversationNumber(tx, input.organizationId),
      createdAt: now,
      ...openedByBuyer(await slaTargets(tx, input.organizationId), now),
      messages: {
        create: { authorKind: "BUYER", authorId: input.requesterId, body, channel: input.channel, emailMessageId: emailMessageId ?? null, createdAt: now },
      },
    },
    select: { id: true, number: true, messages: { select: { id: true } } },
  });
  const messageId = created.messages[0]!.id;
  await announceConversationChange(tx, { conversationId: created.id, organizationId: input.organizationId, change: "opened" });
  await announceSupportMessage(tx, { conversationId: created.id, organizationId: input.organizationId, messageId, authorKind: "BUYER", internal: false });
  await autoAssign(tx, { id: created.id, organizationId: input.organizationId }, now);
  return { id: created.id, number: created.number, messageId };
}
