import { z } from "zod";
import { ZRequestedRefundOutput } from "../refunds/refund-schemas.ts";
import { ZCannedReply, ZSupportSettings } from "./inbox-schemas.ts";

// The inbox tools' inputs and outputs beyond the shared contract (inbox-schemas.ts): canned reply
// search and ids, the settings' view with the support address, agents, and the order actions' answer.

export const CANNED_REPLIES_MAX = 200;

/** The variables a canned reply may use (the console documents them beside the editor). */
export const CANNED_REPLY_VARIABLES = [
  "buyer.name",
  "buyer.firstName",
  "event.name",
  "event.date",
  "order.reference",
  "agent.name",
  "organization.name",
] as const;
export type TCannedReplyVariable = (typeof CANNED_REPLY_VARIABLES)[number];
/** What each variable becomes, for the console's editor. */
export const CANNED_REPLY_VARIABLE_HELP: Record<TCannedReplyVariable, string> = {
  "buyer.name": "The buyer's full name",
  "buyer.firstName": "The buyer's first name",
  "event.name": "The event's name",
  "event.date": "When the event starts, in the buyer's language and the event's time zone",
  "order.reference": "The order's reference (empty without an order)",
  "agent.name": "Your first name",
  "organization.name": "The organisation's name",
};

export const ZCannedReplyListInput = z.object({
  /** Part of the shortcut or the title. */
  q: z.string().trim().max(100).optional(),
});
export const ZCannedReplyList = z.array(ZCannedReply);
export const ZCannedReplyIdInput = z.object({ id: z.uuid() });
export const ZRenderedCannedReply = z.object({ body: z.string() });

export const ZSupportSettingsView = ZSupportSettings.extend({
  /** The mail domain support addresses live at (INBOUND_EMAIL_DOMAIN). */
  inboundDomain: z.string(),
  /** `<inboundLocalPart>@<inboundDomain>`, null until a local part is chosen. */
  supportAddress: z.string().nullable(),
});
export type TSupportSettingsView = z.infer<typeof ZSupportSettingsView>;

export const ZSupportAgent = z.object({
  userId: z.uuid(),
  name: z.string().nullable(),
  email: z.string(),
  role: z.enum(["OWNER", "ADMIN", "SUPPORT_AGENT"]),
  /** Takes automatically assigned conversations (default true until the agent says otherwise). */
  available: z.boolean(),
  /** Conversations assigned and not finished (OPEN, PENDING, SNOOZED; not merged away). */
  openAssigned: z.number().int(),
  lastAssignedAt: z.date().nullable(),
});
export const ZSupportAgentList = z.array(ZSupportAgent);
export const ZSetAvailabilityInput = z.object({
  available: z.boolean(),
  /** Absent: the caller. Another member's availability needs team.manage. */
  userId: z.uuid().optional(),
});
export const ZSetAvailabilityOutput = z.object({ userId: z.uuid(), available: z.boolean() });

export const ZOrderActionOutput = z.object({
  action: z.enum(["resend-confirmation", "reissue-ticket", "refund"]),
  /** The SYSTEM message the action left in the thread. */
  messageId: z.uuid(),
  resendId: z.uuid().nullable(),
  /** reissue-ticket: the new ticket and its short code (never its signed code). */
  ticket: z.object({ id: z.uuid(), shortCode: z.string() }).nullable(),
  refund: ZRequestedRefundOutput.nullable(),
});
export type TOrderActionOutput = z.infer<typeof ZOrderActionOutput>;
