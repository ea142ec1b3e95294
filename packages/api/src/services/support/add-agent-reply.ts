import type { ConversationStatus, Db, Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { announceSupportMessage } from "./support-events.ts";
import { agentAnswered, CONVERSATION_CLOCK_SELECT } from "./conversation-rules.ts";

export interface TAddAgentReplyInput {
  conversationId: string;
  agentId: string;
  body: string;
  /** A note for the team only: the buyer never sees it, and the conversation's state does not change. */
  internal: boolean;
  /** The inbox: the agent's organisation; another organisation's conversation is NOT_FOUND. */
  organizationId?: string;
  /**
   * The inbox's collision rule: the newest message the agent had on screen (null: none). When a
   * buyer or agent message came after it, the reply is held (CONVERSATION_CHANGED) unless `force`.
   * Absent: no check (services that answer on their own).
   */
  lastSeenMessageId?: string | null;
  force?: boolean;
  /** Runs in the same transaction after the message is written (e.g. the inbox's "reply and solve"). */
  alsoInTransaction?: (tx: Prisma.TransactionClient, messageId: string) => Promise<void>;
}

/** At most this many new messages are named in a held reply's details. */
const HELD_DETAILS_MAX = 20;

/**
 * An agent answers in the help inbox (the console authorises the agent for the conversation's
 * organisation before calling this). A visible answer leaves the conversation PENDING, i.e.
 * waiting for the buyer.
 */
export async function addAgentReply(db: Db, input: TAddAgentReplyInput, now: Date = new Date()): Promise<{ messageId: string; status: ConversationStatus }> {
  const body = input.body.trim();
  if (!body) throw new AppError("VALIDATION_ERROR", "The reply is empty.", { field: "body" });
  return db.$transaction(async (tx) => {
    // The row lock orders this reply against the buyer's and other agents' messages written at the same moment.
    const organizationId = input.organizationId ?? null;
    await tx.$queryRaw`SELECT id FROM "SupportConversation"
      WHERE id = ${input.conversationId}::uuid AND (${organizationId}::uuid IS NULL OR "organizationId" = ${organizationId}::uuid) FOR UPDATE`;
    const conversation = await tx.supportConversation.findFirst({
      where: { id: input.conversationId, ...(organizationId ? { organizationId } : {}) },
      select: { ...CONVERSATION_CLOCK_SELECT, organizationId: true, mergedInto: { select: { id: true, number: true } } },
    });
    if (!conversation) throw new AppError("NOT_FOUND", "Conversation not found.");
    if (conversation.mergedInto) {
      throw new AppError("CONVERSATION_MERGED", `This conversation was merged into #${conversation.mergedInto.number}; answer there.`, {
        mergedIntoId: conversation.mergedInto.id,
        mergedIntoNumber: conversation.mergedInto.number,
      });
    }
    if (input.lastSeenMessageId !== undefined && !input.force) await refuseWhenChanged(tx, input.conversationId, input.lastSeenMessageId);
    if (!input.internal) await tx.supportConversation.update({ where: { id: input.conversationId }, data: agentAnswered(conversation, now) });
    const message = await tx.supportMessage.create({
      data: { conversationId: input.conversationId, authorKind: "AGENT", authorId: input.agentId, body, internal: input.internal, createdAt: now },
      select: { id: true },
    });
    await announceSupportMessage(tx, {
      conversationId: input.conversationId,
      organizationId: conversation.organizationId,
      messageId: message.id,
      authorKind: "AGENT",
      internal: input.internal,
    });
    await input.alsoInTransaction?.(tx, message.id);
    const { status } = await tx.supportConversation.findUniqueOrThrow({ where: { id: input.conversationId }, select: { status: true } });
    return { messageId: message.id, status };
  });
}

/** CONVERSATION_CHANGED when a buyer or agent message came after the one the agent last saw (system events do not count). */
async function refuseWhenChanged(tx: Prisma.TransactionClient, conversationId: string, lastSeenMessageId: string | null): Promise<void> {
  let after: Prisma.SupportMessageWhereInput = {};
  if (lastSeenMessageId !== null) {
    const seen = await tx.supportMessage.findFirst({ where: { id: lastSeenMessageId, conversationId }, select: { id: true, createdAt: true } });
    if (!seen) throw new AppError("VALIDATION_ERROR", "That message is not part of this conversation.", { field: "lastSeenMessageId" });
    after = { OR: [{ createdAt: { gt: seen.createdAt } }, { createdAt: seen.createdAt, id: { gt: seen.id } }] };
  }
  const newer = await tx.supportMessage.findMany({
    where: { conversationId, authorKind: { not: "SYSTEM" }, ...after },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: HELD_DETAILS_MAX,
    select: { id: true, authorKind: true, internal: true, createdAt: true, author: { select: { id: true, name: true } } },
  });
  if (newer.length === 0) return;
  throw new AppError("CONVERSATION_CHANGED", "New messages arrived since you opened this conversation. Read them, then send again.", {
    messages: newer.map((m) => ({
      id: m.id,
      authorKind: m.authorKind,
      authorId: m.author?.id ?? null,
      authorName: m.author?.name ?? null,
      internal: m.internal,
      createdAt: m.createdAt.toISOString(),
    })),
  });
}
