import { writeOutboxMany, type TOutboxTx } from "../outbox/write-outbox.ts";
import type { TSupportConversationEvent, TSupportMessageEvent } from "./support-event-schemas.ts";

// What the help inbox announces through the outbox, in the transaction that makes the change:
// live updates for agents and the buyer (Soketi), and the agent reply's e-mail (notification worker).

/** A message was added to a conversation (by the buyer, an agent, or the system). */
export const announceSupportMessage = (tx: TOutboxTx, event: TSupportMessageEvent) =>
  writeOutboxMany(tx, [{ topic: "support.message-added", aggregateType: "SupportConversation", aggregateId: event.conversationId, payload: event }]);

/** A conversation's state changed (status, assignee, priority, labels, merge) or it was opened. */
export const announceConversationChange = (tx: TOutboxTx, event: TSupportConversationEvent) =>
  writeOutboxMany(tx, [{ topic: "support.conversation-changed", aggregateType: "SupportConversation", aggregateId: event.conversationId, payload: event }]);
