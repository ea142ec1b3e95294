import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { supportAccessTokenMatches } from "./access-token.ts";
import type { TConversationAccessInput } from "./support-schemas.ts";

/**
 * The conversation's id if the caller may follow it: the right access token, or the signed-in
 * requester. Anything else is NOT_FOUND, so nobody learns whether a conversation exists.
 */
export async function requireConversationAccess(
  db: Db,
  userId: string | null,
  input: TConversationAccessInput,
  accessToken: string | null | undefined,
): Promise<string> {
  const conversation = await db.supportConversation.findUnique({
    where: { id: input.conversationId },
    select: { id: true, requesterId: true, accessTokenHash: true },
  });
  const allowed =
    conversation !== null && ((userId !== null && conversation.requesterId === userId) || supportAccessTokenMatches(accessToken, conversation.accessTokenHash));
  if (!conversation || !allowed) throw new AppError("NOT_FOUND", "Conversation not found.");
  return conversation.id;
}
