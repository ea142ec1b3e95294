import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { CANNED_REPLY_VARIABLES, type TCannedReplyVariable } from "./inbox-tools-schemas.ts";

// A canned reply's variables filled in for one conversation. Unknown variables stay as written
// ({{buyer.nmae}}), so the agent sees the typo before sending; a known one without a value (no
// order) becomes empty.

const VARIABLE = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;
const isKnown = (name: string): name is TCannedReplyVariable => (CANNED_REPLY_VARIABLES as readonly string[]).includes(name);

export function fillVariables(body: string, values: Record<TCannedReplyVariable, string | null>): string {
  return body.replace(VARIABLE, (whole, name: string) => (isKnown(name) ? (values[name] ?? "") : whole));
}

/** A supported locale for Intl, else English (a conversation's locale comes from the buyer's browser or e-mail). */
export function safeLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : "en";
  } catch {
    return "en";
  }
}

/** An event's start as the buyer reads it: their language, the event's time zone ("6. Dezember 2026 um 20:00"). */
export function formatEventDate(startsAt: Date, timeZone: string, locale: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: "long", timeStyle: "short" };
  try {
    return new Intl.DateTimeFormat(safeLocale(locale), { ...options, timeZone }).format(startsAt);
  } catch {
    return new Intl.DateTimeFormat(safeLocale(locale), { ...options, timeZone: "UTC" }).format(startsAt);
  }
}

export const firstNameOf = (name: string | null | undefined): string | null => name?.trim().split(/\s+/)[0] || null;

/**
 * One canned reply filled in for one conversation of the organisation: the buyer (the
 * conversation's requester, else its order's buyer), the event (the conversation's, else its
 * order's), the order's reference, the calling agent's first name and the organisation's name.
 */
export async function renderCannedReply(
  db: Db,
  input: { organizationId: string; conversationId: string; cannedReplyId: string; agentId: string },
): Promise<{ body: string }> {
  const [reply, conversation, agent] = await Promise.all([
    db.cannedReply.findFirst({ where: { id: input.cannedReplyId, organizationId: input.organizationId }, select: { body: true } }),
    db.supportConversation.findFirst({
      where: { id: input.conversationId, organizationId: input.organizationId },
      select: {
        requesterName: true,
        locale: true,
        organization: { select: { name: true } },
        event: { select: { name: true, startsAt: true, timezone: true } },
        order: { select: { reference: true, buyerName: true, event: { select: { name: true, startsAt: true, timezone: true } } } },
      },
    }),
    db.user.findUnique({ where: { id: input.agentId }, select: { name: true } }),
  ]);
  if (!conversation) throw new AppError("NOT_FOUND", "Conversation not found.");
  if (!reply) throw new AppError("NOT_FOUND", "Canned reply not found.");
  const buyerName = conversation.requesterName?.trim() || conversation.order?.buyerName.trim() || null;
  const event = conversation.event ?? conversation.order?.event ?? null;
  return {
    body: fillVariables(reply.body, {
      "buyer.name": buyerName,
      "buyer.firstName": firstNameOf(buyerName),
      "event.name": event?.name ?? null,
      "event.date": event ? formatEventDate(event.startsAt, event.timezone, conversation.locale) : null,
      "order.reference": conversation.order?.reference ?? null,
      "agent.name": firstNameOf(agent?.name),
      "organization.name": conversation.organization.name,
    }),
  };
}
