import { z } from "zod";
import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from "@marquee/documents/locale";

// Inputs and outputs of the buyer side of support conversations (the help inbox).

export const SUPPORT_SUBJECT_MAX = 200;
export const SUPPORT_MESSAGE_MAX = 5000;

const ZMessageBody = z.string().trim().min(1).max(SUPPORT_MESSAGE_MAX);
export const ZStartConversationInput = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.email().max(254),
  subject: z.string().trim().min(1).max(SUPPORT_SUBJECT_MAX),
  message: ZMessageBody,
  /** The order this is about; the caller must own it (its cart or its account). */
  orderId: z.uuid().optional(),
  /** The published event this is about, when there is no order. */
  eventId: z.uuid().optional(),
  locale: z.enum(SUPPORTED_LOCALES).default(DEFAULT_LOCALE),
});
export type TStartConversationInput = z.input<typeof ZStartConversationInput>;

export const ZStartConversationOutput = z.object({
  conversationId: z.uuid(),
  /** Shown once: lets a guest follow the conversation; only its hash is stored. */
  accessToken: z.string(),
});
export type TStartConversationOutput = z.infer<typeof ZStartConversationOutput>;

/**
 * A conversation to follow. A guest proves access with the token support.start answered, sent in
 * the X-Support-Token header (never in the input: a query's input is part of its URL).
 */
export const ZConversationAccessInput = z.object({
  conversationId: z.uuid(),
});
export type TConversationAccessInput = z.infer<typeof ZConversationAccessInput>;

export const ZReplyInput = ZConversationAccessInput.extend({ message: ZMessageBody });
export type TReplyInput = z.input<typeof ZReplyInput>;

export const ZConversationStatus = z.enum(["OPEN", "PENDING", "RESOLVED"]);

/** What the buyer is told: a snoozed conversation is simply open to them (snoozing is the team's own bookkeeping). */
export const buyerFacingStatus = (status: "OPEN" | "PENDING" | "SNOOZED" | "RESOLVED"): z.output<typeof ZConversationStatus> =>
  status === "SNOOZED" ? "OPEN" : status;

const ZConversationAbout = {
  organizationName: z.string(),
  order: z.object({ id: z.uuid(), reference: z.string() }).nullable(),
  event: z.object({ id: z.uuid(), name: z.string(), startsAt: z.date(), timezone: z.string() }).nullable(),
};

export const ZSupportMessage = z.object({
  id: z.uuid(),
  authorKind: z.enum(["BUYER", "AGENT", "SYSTEM"]),
  /** Agents: their first name; null for the buyer, system messages and agents without a name ("Support team"). */
  authorName: z.string().nullable(),
  body: z.string(),
  createdAt: z.date(),
});
export type TSupportMessage = z.infer<typeof ZSupportMessage>;

export const ZSupportThread = z.object({
  id: z.uuid(),
  subject: z.string(),
  status: ZConversationStatus,
  createdAt: z.date(),
  lastMessageAt: z.date(),
  ...ZConversationAbout,
  /** Oldest first; agents' internal notes are never included. */
  messages: z.array(ZSupportMessage),
});
export type TSupportThread = z.infer<typeof ZSupportThread>;

export const ZSupportConversationSummary = z.object({
  id: z.uuid(),
  subject: z.string(),
  status: ZConversationStatus,
  createdAt: z.date(),
  lastMessageAt: z.date(),
  ...ZConversationAbout,
});
export type TSupportConversationSummary = z.infer<typeof ZSupportConversationSummary>;

export const ZReplyOutput = z.object({ messageId: z.uuid(), status: ZConversationStatus, lastMessageAt: z.date() });
export type TReplyOutput = z.infer<typeof ZReplyOutput>;
