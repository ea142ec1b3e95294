import { z } from "zod";
import { SUPPORT_MESSAGE_MAX } from "../support/support-schemas.ts";

// The help inbox's contract (agents' side, apps/admin and the agent REST operations). Every input
// also carries organizationId (organizationProcedure("support.answer")). On adminRouter:
//   inbox.list / inbox.counts / inbox.get / inbox.reply / inbox.update / inbox.merge     (routers/inbox.ts)
//   inboxTools.cannedReplies.{list,save,delete,render} / inboxTools.settings.{get,update} /
//   inboxTools.agents.{list,setAvailability} / inboxTools.orderAction                   (routers/inbox-tools.ts)
// inboxTools.orderAction also demands the order capability its action needs (order.manage, refund.create).

export const INBOX_PAGE_MAX = 50;
export const LABEL_MAX = 40;
export const LABELS_PER_CONVERSATION_MAX = 10;

export const ZInboxView = z.enum(["open", "pending", "snoozed", "solved", "breached", "all"]);
export type TInboxView = z.infer<typeof ZInboxView>;
/** Whose: the caller's, nobody's, everybody's, or one agent's (a user id). */
export const ZInboxAssigneeFilter = z.union([z.enum(["mine", "unassigned", "all"]), z.uuid()]);
export const ZConversationPriority = z.enum(["LOW", "NORMAL", "HIGH", "URGENT"]);
export const ZAgentConversationStatus = z.enum(["OPEN", "PENDING", "SNOOZED", "RESOLVED"]);
export const ZLabel = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(LABEL_MAX)
  .regex(/^[a-z0-9][a-z0-9 _-]*$/, "Letters, digits, spaces, - and _");

export const ZInboxListInput = z.object({
  view: ZInboxView.default("open"),
  assignee: ZInboxAssigneeFilter.default("all"),
  /** Buyer name or e-mail, order reference, #number, or words of the subject and messages. */
  q: z.string().trim().max(200).optional(),
  label: ZLabel.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(INBOX_PAGE_MAX).default(25),
});

/** SLA badge: ok, warning (amber: under a quarter of the target left), breached (red); none when nothing is owed. */
export const ZSlaState = z.object({
  kind: z.enum(["first-response", "next-response"]).nullable(),
  state: z.enum(["none", "ok", "warning", "breached"]),
  dueAt: z.date().nullable(),
});

export const ZAgentRef = z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string() });

export const ZInboxListItem = z.object({
  id: z.uuid(),
  number: z.number().int(),
  subject: z.string(),
  status: ZAgentConversationStatus,
  priority: ZConversationPriority,
  labels: z.array(z.string()),
  channel: z.enum(["WEB", "EMAIL"]),
  requesterName: z.string().nullable(),
  requesterEmail: z.string(),
  orderReference: z.string().nullable(),
  eventName: z.string().nullable(),
  assignee: ZAgentRef.nullable(),
  createdAt: z.date(),
  lastMessageAt: z.date(),
  waitingSince: z.date().nullable(),
  snoozedUntil: z.date().nullable(),
  sla: ZSlaState,
  /** The last visible or internal message's first characters. */
  preview: z.string(),
});
export const ZInboxListOutput = z.object({ items: z.array(ZInboxListItem), nextCursor: z.string().nullable() });
export const ZInboxCounts = z.record(ZInboxView, z.number().int());

export const ZConversationRef = z.object({ conversationId: z.uuid() });

export const ZInboxAttachment = z.object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int() });
export const ZInboxMessage = z.object({
  id: z.uuid(),
  authorKind: z.enum(["BUYER", "AGENT", "SYSTEM"]),
  author: ZAgentRef.nullable(),
  body: z.string(),
  internal: z.boolean(),
  channel: z.enum(["WEB", "EMAIL"]),
  /** SYSTEM messages: "refund.issued", "assigned", "status.changed", "merged", ... and their facts. */
  systemEvent: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  attachments: z.array(ZInboxAttachment),
  emailSentAt: z.date().nullable(),
  createdAt: z.date(),
});

/** The buyer's orders with this organisation, as an agent may see them: short codes only, never a ticket's signed code. */
export const ZBuyerOrder = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.string(),
  eventName: z.string(),
  eventStartsAt: z.date(),
  totalMinor: z.number().int(),
  refundedMinor: z.number().int(),
  currency: z.string(),
  createdAt: z.date(),
  tickets: z.array(z.object({ id: z.uuid(), shortCode: z.string(), status: z.string(), ticketTypeName: z.string(), seatLabel: z.string().nullable() })),
});

export const ZInboxConversation = ZInboxListItem.omit({ preview: true }).extend({
  messages: z.array(ZInboxMessage),
  /** What inbox.reply's lastSeenMessageId should be: the newest message the agent has on screen. */
  lastMessageId: z.uuid().nullable(),
  mergedInto: z.object({ id: z.uuid(), number: z.number().int() }).nullable(),
  order: z.object({ id: z.uuid(), reference: z.string() }).nullable(),
  event: z.object({ id: z.uuid(), name: z.string(), startsAt: z.date() }).nullable(),
  buyer: z.object({
    name: z.string().nullable(),
    email: z.string(),
    hasAccount: z.boolean(),
    locale: z.string(),
    orders: z.array(ZBuyerOrder),
    otherConversations: z.array(
      z.object({ id: z.uuid(), number: z.number().int(), subject: z.string(), status: ZAgentConversationStatus, lastMessageAt: z.date() }),
    ),
  }),
  /** What the caller's role may do from here (the console hides the rest; the API refuses it anyway). */
  can: z.object({ refund: z.boolean(), manageOrder: z.boolean() }),
});

export const ZInboxReplyInput = ZConversationRef.extend({
  body: z.string().trim().min(1).max(SUPPORT_MESSAGE_MAX),
  /** An internal note: only agents see it, the buyer gets no e-mail, the status does not change. */
  internal: z.boolean().default(false),
  /**
   * The newest message the agent had on screen. When a message arrived after it, the reply is held:
   * CONVERSATION_CHANGED (409) with the new messages, unless `force` (the agent read them and sends anyway).
   */
  lastSeenMessageId: z.uuid().nullable(),
  force: z.boolean().default(false),
  /** Also set the status with the reply (e.g. reply and solve). */
  status: ZAgentConversationStatus.optional(),
  /** With status SNOOZED: until when (reply and snooze). */
  snoozedUntil: z.coerce.date().optional(),
});
export const ZInboxReplyOutput = z.object({ messageId: z.uuid(), status: ZAgentConversationStatus });

export const ZInboxUpdateInput = ZConversationRef.extend({
  status: ZAgentConversationStatus.optional(),
  /** Required with status SNOOZED: until when (in the future, at most a year). */
  snoozedUntil: z.coerce.date().optional(),
  /** null: unassign. */
  assigneeId: z.uuid().nullable().optional(),
  priority: ZConversationPriority.optional(),
  labels: z.array(ZLabel).max(LABELS_PER_CONVERSATION_MAX).optional(),
});

export const ZInboxMergeInput = ZConversationRef.extend({
  /** The conversation the first one is merged into (same buyer e-mail, same organisation). */
  intoConversationId: z.uuid(),
});

export const SHORTCUT_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const ZCannedReplySave = z.object({
  /** Absent: create. */
  id: z.uuid().optional(),
  shortcut: z.string().trim().toLowerCase().regex(SHORTCUT_PATTERN, "Lower-case letters, digits and -, up to 40"),
  title: z.string().trim().min(1).max(120),
  /** {{buyer.name}}, {{buyer.firstName}}, {{event.name}}, {{event.date}}, {{order.reference}}, {{agent.name}}, {{organization.name}} */
  body: z.string().trim().min(1).max(SUPPORT_MESSAGE_MAX),
});
export const ZCannedReply = ZCannedReplySave.required({ id: true }).extend({ updatedAt: z.date() });
export const ZCannedReplyRender = ZConversationRef.extend({ cannedReplyId: z.uuid() });

export const ZSupportSettings = z.object({
  firstResponseMinutes: z.number().int().min(5).max(10_080).nullable(),
  nextResponseMinutes: z.number().int().min(5).max(10_080).nullable(),
  autoAssign: z.boolean(),
  maxOpenPerAgent: z.number().int().min(1).max(500),
  autoSolvePendingDays: z.number().int().min(1).max(90).nullable(),
  /** The organisation's support address is <inboundLocalPart>@<the inbound mail domain>. */
  inboundLocalPart: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9.-]{1,62}$/)
    .nullable(),
});

export const ZOrderActionInput = z.discriminatedUnion("action", [
  ZConversationRef.extend({ action: z.literal("resend-confirmation"), orderId: z.uuid() }),
  ZConversationRef.extend({
    action: z.literal("reissue-ticket"),
    orderId: z.uuid(),
    ticketId: z.uuid(),
    /** For the audit log; absent: "support conversation #<number>". */
    reason: z.string().trim().min(1).max(500).optional(),
  }),
  ZConversationRef.extend({
    action: z.literal("refund"),
    orderId: z.uuid(),
    /** Absent: everything still refundable. */
    amountMinor: z.number().int().min(1).optional(),
    ticketIds: z.array(z.uuid()).max(100).optional(),
    reason: z.string().trim().min(1).max(500),
  }),
]);

export type TInboxListInput = z.infer<typeof ZInboxListInput>;
export type TInboxAssigneeFilter = z.infer<typeof ZInboxAssigneeFilter>;
export type TSlaState = z.infer<typeof ZSlaState>;
export type TInboxListItem = z.infer<typeof ZInboxListItem>;
export type TInboxListOutput = z.infer<typeof ZInboxListOutput>;
export type TInboxCounts = z.infer<typeof ZInboxCounts>;
export type TInboxConversation = z.infer<typeof ZInboxConversation>;
export type TInboxMessage = z.infer<typeof ZInboxMessage>;
export type TInboxReplyInput = z.infer<typeof ZInboxReplyInput>;
export type TInboxReplyOutput = z.infer<typeof ZInboxReplyOutput>;
export type TInboxUpdateInput = z.infer<typeof ZInboxUpdateInput>;
export type TInboxMergeInput = z.infer<typeof ZInboxMergeInput>;
export type TAgentConversationStatus = z.infer<typeof ZAgentConversationStatus>;

/** inbox.update: what changed ("status", "assignee", "priority", "labels"); empty when nothing did. */
export const ZInboxUpdateOutput = z.object({ changed: z.array(z.string()) });
/** inbox.merge: the conversation both live on in now. */
export const ZInboxMergeOutput = z.object({ conversationId: z.uuid() });
export const ZInboxCountsInput = z.object({ assignee: ZInboxAssigneeFilter.default("all") });
