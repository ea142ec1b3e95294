import type {
  ZAgentConversationStatus,
  ZConversationPriority,
  ZInboxConversation,
  ZInboxListItem,
  ZInboxMessage,
  ZSlaState,
} from "@marquee/api/services/inbox/inbox-schemas";
import type { z } from "zod";

// The inbox contract's shapes as the console's components take them (what inbox.list and inbox.get answer).

export type TInboxListItem = z.infer<typeof ZInboxListItem>;
export type TInboxConversation = z.infer<typeof ZInboxConversation>;
export type TInboxMessage = z.infer<typeof ZInboxMessage>;
export type TSlaState = z.infer<typeof ZSlaState>;
export type TAgentConversationStatus = z.infer<typeof ZAgentConversationStatus>;
export type TConversationPriority = z.infer<typeof ZConversationPriority>;
