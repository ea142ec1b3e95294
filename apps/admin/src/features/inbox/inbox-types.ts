import type { ZConversationPriority } from "@marquee/api/services/inbox/inbox-schemas";
import type { z } from "zod";

// The inbox contract's shapes as the console's components take them (what inbox.list and inbox.get answer).
export type { TAgentConversationStatus, TInboxConversation, TInboxListItem, TInboxMessage, TSlaState } from "@marquee/api/services/inbox/inbox-schemas";
export type TConversationPriority = z.infer<typeof ZConversationPriority>;
