import type { TSupportConversationEvent, TSupportMessageEvent } from "../support/support-event-schemas.ts";

// The help inbox's Soketi channels and what each one hears. Payloads carry ids (and the few facts
// the inbox routes on); every client refetches what it shows through its own authorised query.

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** Agents of one organisation: every message and change of its conversations. */
export const agentsChannel = (organizationId: string) => `private-support-${organizationId}`;
/** The buyer following one conversation: its non-internal messages and status changes. */
export const buyerChannel = (conversationId: string) => `private-support-conversation-${conversationId}`;
/** Agents viewing one conversation (who else is here, who is typing). */
export const presenceChannel = (conversationId: string) => `presence-support-agents-${conversationId}`;

export const AGENTS_CHANNEL_PATTERN = new RegExp(`^private-support-(${UUID})$`);
export const BUYER_CHANNEL_PATTERN = new RegExp(`^private-support-conversation-(${UUID})$`);
export const PRESENCE_CHANNEL_PATTERN = new RegExp(`^presence-support-agents-(${UUID})$`);

/** The Soketi event names: the outbox topics' own. */
export const SUPPORT_MESSAGE_EVENT = "support.message-added";
export const SUPPORT_CHANGE_EVENT = "support.conversation-changed";
/** The client event agents send on the presence channel while they type (Soketi adds the sender's user_id). */
export const TYPING_CLIENT_EVENT = "client-typing";

/** Conversation changes the buyer's page shows (its status badge); assignee, labels and priority are the team's. */
const BUYER_VISIBLE_CHANGES = new Set(["status", "merged"]);

/** support.message-added: always the agents; the buyer too unless the message is internal. */
export const messageChannels = (payload: TSupportMessageEvent): string[] =>
  payload.internal ? [agentsChannel(payload.organizationId)] : [agentsChannel(payload.organizationId), buyerChannel(payload.conversationId)];

/** support.conversation-changed: always the agents; the buyer for the changes their page shows. */
export const changeChannels = (payload: TSupportConversationEvent): string[] =>
  BUYER_VISIBLE_CHANGES.has(payload.change)
    ? [agentsChannel(payload.organizationId), buyerChannel(payload.conversationId)]
    : [agentsChannel(payload.organizationId)];

/**
 * What a channel's subscribers receive of a message event. The relay adds `messageId` (the outbox
 * message, for dropping repeats), so the support message's own id travels as `supportMessageId`.
 * The buyer gets ids only: the author kind and the organisation are the inbox's business.
 */
export const messageData = (payload: TSupportMessageEvent, channel: string): Record<string, unknown> =>
  channel.startsWith("private-support-conversation-")
    ? { conversationId: payload.conversationId, supportMessageId: payload.messageId }
    : {
        conversationId: payload.conversationId,
        organizationId: payload.organizationId,
        supportMessageId: payload.messageId,
        authorKind: payload.authorKind,
        internal: payload.internal,
      };

/** What a channel's subscribers receive of a change event: the buyer gets ids only. */
export const changeData = (payload: TSupportConversationEvent, channel: string): Record<string, unknown> =>
  channel.startsWith("private-support-conversation-")
    ? { conversationId: payload.conversationId }
    : { conversationId: payload.conversationId, organizationId: payload.organizationId, change: payload.change };
