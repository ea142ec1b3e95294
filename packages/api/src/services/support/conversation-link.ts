import { checkBoundToken, signBoundToken } from "../../lib/bound-token.ts";

/** How long the acknowledgement's link to a conversation works. */
export const CONVERSATION_LINK_DAYS = 180;
const PURPOSE = "support-conversation";

interface TConversationLinkSubject {
  id: string;
  requesterEmail: string;
  createdAt: Date;
}

const bound = (conversation: TConversationLinkSubject) => [conversation.id, conversation.requesterEmail.trim().toLowerCase()];
export const conversationLinkExpiry = (conversation: TConversationLinkSubject) =>
  new Date(conversation.createdAt.getTime() + CONVERSATION_LINK_DAYS * 86_400_000);

/**
 * `/support/<id>#token=<signed token>`: the e-mailed way back to a conversation on any device,
 * bound to the conversation and the requester's address. The support page sends the fragment's
 * token as X-Support-Token, where it counts like the random token answered by support.start.
 */
export function conversationLinkUrl(webUrl: string, conversation: TConversationLinkSubject): string {
  const url = new URL(`/support/${encodeURIComponent(conversation.id)}`, webUrl);
  url.hash = `token=${signBoundToken(PURPOSE, bound(conversation), conversationLinkExpiry(conversation))}`;
  return url.toString();
}

/** Whether an X-Support-Token is this conversation's signed link token and has not expired. */
export const conversationLinkTokenMatches = (token: string | null | undefined, conversation: TConversationLinkSubject, now: Date): boolean =>
  checkBoundToken(PURPOSE, token, bound(conversation), now).ok;
