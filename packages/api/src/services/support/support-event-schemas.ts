import { z } from "zod";

// Payloads of the help inbox's outbox topics (support.message-added, support.conversation-changed).

export const ZSupportMessageEvent = z.object({
  conversationId: z.uuid(),
  organizationId: z.uuid(),
  messageId: z.uuid(),
  authorKind: z.enum(["BUYER", "AGENT", "SYSTEM"]),
  /** Internal notes (and most system events) stay inside the inbox: no buyer channel, no e-mail. */
  internal: z.boolean(),
});
export type TSupportMessageEvent = z.infer<typeof ZSupportMessageEvent>;

export const ZSupportConversationEvent = z.object({
  conversationId: z.uuid(),
  organizationId: z.uuid(),
  /** What changed, for the inbox to decide what to refetch: "opened", "status", "assignee", "priority", "labels", "merged", ... */
  change: z.string().min(1).max(40),
});
export type TSupportConversationEvent = z.infer<typeof ZSupportConversationEvent>;
