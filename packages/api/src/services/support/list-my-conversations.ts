import type { Db } from "@marquee/db";
import { CONVERSATION_ABOUT_SELECT, toConversationSummary } from "./get-thread.ts";
import type { TSupportConversationSummary } from "./support-schemas.ts";

const MAX_LISTED = 50;

/** The signed-in buyer's conversations, most recent activity first. */
export async function listMyConversations(deps: { db: Db }, userId: string): Promise<TSupportConversationSummary[]> {
  const rows = await deps.db.supportConversation.findMany({
    // A merged conversation lives on in its target (conversation-access.ts follows the merge).
    where: { requesterId: userId, mergedIntoId: null },
    orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
    take: MAX_LISTED,
    select: CONVERSATION_ABOUT_SELECT,
  });
  return rows.map(toConversationSummary);
}
