import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { supportAccessTokenMatches } from "./access-token.ts";
import { conversationLinkTokenMatches } from "./conversation-link.ts";
import type { TConversationAccessInput } from "./support-schemas.ts";

/**
 * The conversation's id if the caller may follow it: the right access token (the random one
 * support.start answered, or the signed one of the acknowledgement e-mail's link), or the
 * signed-in requester. Anything else is NOT_FOUND, so nobody learns whether a conversation exists.
 * A conversation an agent merged into another answers the other one's id (one hop: a merge target
 * is never itself merged), so the buyer's old token and links keep working.
 */
export async function requireConversationAccess(
  db: Db,
  userId: string | null,
  input: TConversationAccessInput,
  accessToken: string | null | undefined,
  now: Date = new Date(),
): Promise<string> {
  const conversation = await db.supportConversation.findUnique({
    where: { id: input.conversationId },
    select: { id: true, requesterId: true, accessTokenHash: true, requesterEmail: true, createdAt: true, mergedIntoId: true },
  });
  const allowed =
    conversation !== null &&
    ((userId !== null && conversation.requesterId === userId) ||
      supportAccessTokenMatches(accessToken, conversation.accessTokenHash) ||
      conversationLinkTokenMatches(accessToken, conversation, now));
  if (!conversation || !allowed) throw new AppError("NOT_FOUND", "Conversation not found.");
  return conversation.mergedIntoId ?? conversation.id;
}
