import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { requireConversationAccess } from "./conversation-access.ts";
import { type TReplyInput, type TReplyOutput, ZReplyInput } from "./support-schemas.ts";

/** The buyer writes again: the conversation is OPEN (a RESOLVED one reopens) and moves to the top of the inbox. */
export async function replyToConversation(
  deps: { db: Db; clock: Clock },
  userId: string | null,
  rawInput: TReplyInput,
  accessToken?: string | null,
): Promise<TReplyOutput> {
  const input = ZReplyInput.parse(rawInput);
  const now = deps.clock.now();
  const conversationId = await requireConversationAccess(deps.db, userId, input, accessToken, now);
  const [message, conversation] = await deps.db.$transaction([
    deps.db.supportMessage.create({
      data: { conversationId, authorKind: "BUYER", authorId: userId, body: input.message, createdAt: now },
      select: { id: true },
    }),
    deps.db.supportConversation.update({
      where: { id: conversationId },
      data: { status: "OPEN", lastMessageAt: now },
      select: { status: true, lastMessageAt: true },
    }),
  ]);
  return { messageId: message.id, status: conversation.status, lastMessageAt: conversation.lastMessageAt };
}
