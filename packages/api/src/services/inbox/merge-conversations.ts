import type { Db, Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { announceConversationChange } from "../support/support-events.ts";
import { addSystemMessage } from "../support/system-message.ts";
import { LABELS_PER_CONVERSATION_MAX, type TInboxMergeInput } from "./inbox-schemas.ts";
import type { TInboxActor } from "./update-conversation.ts";

const MERGE_SELECT = {
  id: true,
  number: true,
  organizationId: true,
  requesterEmail: true,
  mergedIntoId: true,
  labels: true,
  lastMessageAt: true,
  waitingSince: true,
  firstResponseDueAt: true,
  nextResponseDueAt: true,
} satisfies Prisma.SupportConversationSelect;

const earliest = (a: Date | null, b: Date | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * Merges conversation A into B (the same buyer's two threads): A's messages move to B in their
 * order, A stays as a solved pointer to B (its links and e-mail threads lead there, see
 * conversation-access.ts), B gets a system event. When the buyer was waiting in A, B waits too.
 */
export async function mergeConversations(db: Db, actor: TInboxActor, input: TInboxMergeInput, now: Date): Promise<{ conversationId: string }> {
  if (input.conversationId === input.intoConversationId) {
    throw new AppError("VALIDATION_ERROR", "A conversation cannot be merged into itself.", { field: "intoConversationId" });
  }
  return db.$transaction(async (tx) => {
    // Both rows locked in one statement, in id order, so two merges of the same pair cannot deadlock.
    await tx.$queryRaw`SELECT id FROM "SupportConversation"
      WHERE id IN (${input.conversationId}::uuid, ${input.intoConversationId}::uuid) AND "organizationId" = ${actor.organizationId}::uuid
      ORDER BY id FOR UPDATE`;
    const rows = await tx.supportConversation.findMany({
      where: { id: { in: [input.conversationId, input.intoConversationId] }, organizationId: actor.organizationId },
      select: MERGE_SELECT,
    });
    const from = rows.find((row) => row.id === input.conversationId);
    const into = rows.find((row) => row.id === input.intoConversationId);
    if (!from || !into) throw new AppError("NOT_FOUND", "Conversation not found.");
    for (const row of [from, into]) {
      if (row.mergedIntoId)
        throw new AppError("CONVERSATION_MERGED", `#${row.number} is already merged into another conversation.`, { conversationId: row.id });
    }
    if (from.requesterEmail !== into.requesterEmail) {
      throw new AppError("VALIDATION_ERROR", "Only conversations of the same buyer address can be merged.", { field: "intoConversationId" });
    }
    // Conversations merged into A earlier now lead to B directly: a merge target is never itself merged (one hop).
    await tx.supportConversation.updateMany({ where: { mergedIntoId: from.id }, data: { mergedIntoId: into.id } });
    const moved = await tx.supportMessage.updateMany({ where: { conversationId: from.id }, data: { conversationId: into.id } });
    await tx.supportConversation.update({
      where: { id: from.id },
      data: {
        mergedIntoId: into.id,
        status: "RESOLVED",
        resolvedAt: now,
        snoozedUntil: null,
        pendingSince: null,
        waitingSince: null,
        nextResponseDueAt: null,
      },
    });
    const waiting = from.waitingSince !== null;
    await tx.supportConversation.update({
      where: { id: into.id },
      data: {
        labels: [...new Set([...into.labels, ...from.labels])].slice(0, LABELS_PER_CONVERSATION_MAX),
        lastMessageAt: from.lastMessageAt > into.lastMessageAt ? from.lastMessageAt : into.lastMessageAt,
        // The buyer waited in A: B owes them the answer, from the older of the two waits.
        ...(waiting
          ? {
              status: "OPEN",
              snoozedUntil: null,
              resolvedAt: null,
              pendingSince: null,
              waitingSince: earliest(from.waitingSince, into.waitingSince),
              firstResponseDueAt: earliest(from.firstResponseDueAt, into.firstResponseDueAt),
              nextResponseDueAt: earliest(from.nextResponseDueAt, into.nextResponseDueAt),
            }
          : {}),
      },
    });
    const data = { fromId: from.id, fromNumber: from.number, intoId: into.id, intoNumber: into.number, messagesMoved: moved.count };
    const base = { organizationId: actor.organizationId, authorId: actor.userId, systemEvent: "merged", data };
    await addSystemMessage(tx, { ...base, conversationId: into.id, body: `${actor.displayName} merged #${from.number} into #${into.number}` }, now);
    await addSystemMessage(tx, { ...base, conversationId: from.id, body: `${actor.displayName} merged #${from.number} into #${into.number}` }, now);
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actor: actor.audit,
      action: "support.conversation-merge",
      targetType: "SupportConversation",
      targetId: from.id,
      data,
    });
    await announceConversationChange(tx, { conversationId: from.id, organizationId: actor.organizationId, change: "merged" });
    await announceConversationChange(tx, { conversationId: into.id, organizationId: actor.organizationId, change: "merged" });
    return { conversationId: into.id };
  });
}
