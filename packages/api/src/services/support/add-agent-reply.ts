import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { announceSupportMessage } from "./support-events.ts";
import { agentAnswered, CONVERSATION_CLOCK_SELECT } from "./conversation-rules.ts";

export interface TAddAgentReplyInput {
  conversationId: string;
  agentId: string;
  body: string;
  /** A note for the team only: the buyer never sees it, and the conversation's state does not change. */
  internal: boolean;
}

/**
 * An agent answers in the help inbox (the console authorises the agent for the conversation's
 * organisation before calling this). A visible answer leaves the conversation PENDING, i.e.
 * waiting for the buyer.
 */
export async function addAgentReply(db: Db, input: TAddAgentReplyInput, now: Date = new Date()): Promise<{ messageId: string }> {
  const body = input.body.trim();
  if (!body) throw new AppError("VALIDATION_ERROR", "The reply is empty.", { field: "body" });
  return db.$transaction(async (tx) => {
    const conversation = await tx.supportConversation.findUnique({
      where: { id: input.conversationId },
      select: { ...CONVERSATION_CLOCK_SELECT, organizationId: true },
    });
    if (!conversation) throw new AppError("NOT_FOUND", "Conversation not found.");
    if (!input.internal) await tx.supportConversation.update({ where: { id: input.conversationId }, data: agentAnswered(conversation, now) });
    const message = await tx.supportMessage.create({
      data: { conversationId: input.conversationId, authorKind: "AGENT", authorId: input.agentId, body, internal: input.internal, createdAt: now },
      select: { id: true },
    });
    await announceSupportMessage(tx, {
      conversationId: input.conversationId,
      organizationId: conversation.organizationId,
      messageId: message.id,
      authorKind: "AGENT",
      internal: input.internal,
    });
    return { messageId: message.id };
  });
}
