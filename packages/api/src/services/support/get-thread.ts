import type { Db, Prisma } from "@marquee/db";
import { requireConversationAccess } from "./conversation-access.ts";
import {
  buyerFacingStatus,
  type TConversationAccessInput,
  type TSupportConversationSummary,
  type TSupportMessage,
  type TSupportThread,
} from "./support-schemas.ts";

export const CONVERSATION_ABOUT_SELECT = {
  id: true,
  subject: true,
  status: true,
  createdAt: true,
  lastMessageAt: true,
  organization: { select: { name: true } },
  order: { select: { id: true, reference: true } },
  event: { select: { id: true, name: true, startsAt: true, timezone: true } },
} satisfies Prisma.SupportConversationSelect;

type TConversationAboutRow = Prisma.SupportConversationGetPayload<{ select: typeof CONVERSATION_ABOUT_SELECT }>;

export function toConversationSummary(row: TConversationAboutRow): TSupportConversationSummary {
  return {
    id: row.id,
    subject: row.subject,
    status: buyerFacingStatus(row.status),
    createdAt: row.createdAt,
    lastMessageAt: row.lastMessageAt,
    organizationName: row.organization.name,
    order: row.order,
    event: row.event,
  };
}

/** Buyers see agents by first name only; an agent without a name is "the support team" (null). */
export const agentFirstName = (name: string | null | undefined): string | null => name?.trim().split(/\s+/)[0] || null;

/** The conversation as the buyer sees it: never agents' internal notes. */
export async function getThread(
  deps: { db: Db },
  userId: string | null,
  input: TConversationAccessInput,
  accessToken?: string | null,
): Promise<TSupportThread> {
  const conversationId = await requireConversationAccess(deps.db, userId, input, accessToken);
  const row = await deps.db.supportConversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: {
      ...CONVERSATION_ABOUT_SELECT,
      messages: {
        where: { internal: false },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, authorKind: true, body: true, createdAt: true, author: { select: { name: true } } },
      },
    },
  });
  const messages: TSupportMessage[] = row.messages.map((message) => ({
    id: message.id,
    authorKind: message.authorKind,
    authorName: message.authorKind === "AGENT" ? agentFirstName(message.author?.name) : null,
    body: message.body,
    createdAt: message.createdAt,
  }));
  return { ...toConversationSummary(row), messages };
}
