import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { requireConversationAccess } from "./conversation-access.ts";
import { announceSupportMessage } from "./support-events.ts";
import { buyerWrote, CONVERSATION_CLOCK_SELECT, slaTargets } from "./conversation-rules.ts";
import { buyerFacingStatus, type TReplyInput, type TReplyOutput, ZReplyInput } from "./support-schemas.ts";

/** The buyer writes again: the conversation is OPEN (a pending, snoozed or solved one reopens) and moves to the top of the inbox. */
export async function replyToConversation(
  deps: { db: Db; clock: Clock },
  userId: string | null,
  rawInput: TReplyInput,
  accessToken?: string | null,
): Promise<TReplyOutput> {
  const input = ZReplyInput.parse(rawInput);
  const now = deps.clock.now();
  const conversationId = await requireConversationAccess(deps.db, userId, input, accessToken, now);
  const { message, conversation } = await deps.db.$transaction(async (tx) => {
    // The row lock orders this message against an agent's reply being written at the same moment.
    const [locked] = await tx.$queryRaw<
      { organizationId: string }[]
    >`SELECT "organizationId" FROM "SupportConversation" WHERE id = ${conversationId}::uuid FOR UPDATE`;
    const clock = await tx.supportConversation.findUniqueOrThrow({ where: { id: conversationId }, select: CONVERSATION_CLOCK_SELECT });
    const created = await tx.supportMessage.create({
      data: { conversationId, authorKind: "BUYER", authorId: userId, body: input.message, createdAt: now },
      select: { id: true },
    });
    const updated = await tx.supportConversation.update({
      where: { id: conversationId },
      data: buyerWrote(clock, await slaTargets(tx, locked!.organizationId), now),
      select: { status: true, lastMessageAt: true },
    });
    await announceSupportMessage(tx, { conversationId, organizationId: locked!.organizationId, messageId: created.id, authorKind: "BUYER", internal: false });
    return { message: created, conversation: updated };
  });
  return { messageId: message.id, status: buyerFacingStatus(conversation.status), lastMessageAt: conversation.lastMessageAt };
}
