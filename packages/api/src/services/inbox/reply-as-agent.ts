import type { Db } from "@marquee/db";
import { addAgentReply } from "../support/add-agent-reply.ts";
import type { TInboxReplyInput, TInboxReplyOutput } from "./inbox-schemas.ts";
import { applyConversationChanges, lockConversation, type TInboxActor } from "./update-conversation.ts";

/**
 * inbox.reply: the agent's answer or internal note, held (CONVERSATION_CHANGED) when messages came
 * after the one the agent last saw, and optionally a new status in the same transaction.
 */
export async function replyAsAgent(db: Db, actor: TInboxActor, input: TInboxReplyInput, now: Date): Promise<TInboxReplyOutput> {
  const { status, snoozedUntil } = input;
  return addAgentReply(
    db,
    {
      conversationId: input.conversationId,
      organizationId: actor.organizationId,
      agentId: actor.userId,
      body: input.body,
      internal: input.internal,
      lastSeenMessageId: input.lastSeenMessageId,
      force: input.force,
      alsoInTransaction:
        status || snoozedUntil
          ? async (tx) => {
              const conversation = await lockConversation(tx, actor.organizationId, input.conversationId);
              await applyConversationChanges(tx, actor, conversation, { status, snoozedUntil }, now);
            }
          : undefined,
    },
    now,
  );
}
