import type { ConversationStatus, Db, Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { roleCan } from "../../permissions.ts";
import { recordAudit, type TAuditActor } from "../audit/record-audit.ts";
import { announceConversationChange } from "../support/support-events.ts";
import { addSystemMessage } from "../support/system-message.ts";
import type { TInboxUpdateInput } from "./inbox-schemas.ts";

// inbox.update (and the status of "reply and solve"): each real change leaves a system event in the
// thread, an audit entry and an announcement; asking for what already is changes nothing.

const SNOOZE_MAX_MS = 366 * 24 * 60 * 60_000;

export const STATUS_LABEL: Record<ConversationStatus, string> = { OPEN: "Open", PENDING: "Pending", SNOOZED: "Snoozed", RESOLVED: "Solved" };

export interface TInboxActor {
  organizationId: string;
  userId: string;
  /** How the thread names the agent ("Ana assigned this to Ben"). */
  displayName: string;
  audit: TAuditActor;
}

export type TConversationChanges = Omit<TInboxUpdateInput, "conversationId">;

export const personName = (user: { name: string | null; email: string }) => user.name?.trim() || user.email;

/** Locks the organisation's conversation row for the rest of the transaction; another organisation's id is NOT_FOUND. */
export async function lockConversation(tx: Prisma.TransactionClient, organizationId: string, conversationId: string) {
  await tx.$queryRaw`SELECT id FROM "SupportConversation" WHERE id = ${conversationId}::uuid AND "organizationId" = ${organizationId}::uuid FOR UPDATE`;
  const conversation = await tx.supportConversation.findFirst({
    where: { id: conversationId, organizationId },
    select: {
      id: true,
      number: true,
      status: true,
      snoozedUntil: true,
      priority: true,
      labels: true,
      assigneeId: true,
      firstResponseAt: true,
      requesterEmail: true,
      assignee: { select: { id: true, name: true, email: true } },
      mergedInto: { select: { id: true, number: true } },
    },
  });
  if (!conversation) throw new AppError("NOT_FOUND", "Conversation not found.");
  return conversation;
}

type TLocked = Awaited<ReturnType<typeof lockConversation>>;

export async function updateConversation(db: Db, actor: TInboxActor, input: TInboxUpdateInput, now: Date): Promise<{ changed: string[] }> {
  return db.$transaction(async (tx) => {
    const conversation = await lockConversation(tx, actor.organizationId, input.conversationId);
    const changed = await applyConversationChanges(tx, actor, conversation, input, now);
    return { changed };
  });
}

/** Applies the changes to a locked conversation; answers what changed ("status", "assignee", "priority", "labels"). */
export async function applyConversationChanges(
  tx: Prisma.TransactionClient,
  actor: TInboxActor,
  conversation: TLocked,
  changes: TConversationChanges,
  now: Date,
): Promise<string[]> {
  if (conversation.mergedInto) {
    throw new AppError("CONVERSATION_MERGED", `This conversation was merged into #${conversation.mergedInto.number}.`, {
      mergedIntoId: conversation.mergedInto.id,
      mergedIntoNumber: conversation.mergedInto.number,
    });
  }
  const base = { conversationId: conversation.id, organizationId: actor.organizationId, authorId: actor.userId };
  const changed: string[] = [];
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};

  const status = statusChange(conversation, changes, now);
  if (status) {
    await tx.supportConversation.update({ where: { id: conversation.id }, data: status.data });
    const until = status.snoozedUntil ? ` until ${status.snoozedUntil.toISOString()}` : "";
    await addSystemMessage(
      tx,
      {
        ...base,
        systemEvent: "status.changed",
        body: `${actor.displayName} changed the status from ${STATUS_LABEL[conversation.status]} to ${STATUS_LABEL[status.to]}${until}`,
        data: { from: conversation.status, to: status.to, snoozedUntil: status.snoozedUntil?.toISOString() ?? null },
      },
      now,
    );
    changed.push("status");
    Object.assign(before, { status: conversation.status, snoozedUntil: conversation.snoozedUntil?.toISOString() ?? null });
    Object.assign(after, { status: status.to, snoozedUntil: status.snoozedUntil?.toISOString() ?? null });
  }

  if (changes.assigneeId !== undefined && changes.assigneeId !== conversation.assigneeId) {
    const assignee = changes.assigneeId === null ? null : await requireAgent(tx, actor.organizationId, changes.assigneeId);
    await tx.supportConversation.update({ where: { id: conversation.id }, data: { assigneeId: assignee?.id ?? null, assignedAt: assignee ? now : null } });
    const previous = conversation.assignee ? personName(conversation.assignee) : null;
    await addSystemMessage(
      tx,
      assignee
        ? {
            ...base,
            systemEvent: "assigned",
            body:
              assignee.id === actor.userId ? `${actor.displayName} took this conversation` : `${actor.displayName} assigned this to ${personName(assignee)}`,
            data: { assigneeId: assignee.id, assigneeName: personName(assignee), previousAssigneeId: conversation.assigneeId },
          }
        : {
            ...base,
            systemEvent: "unassigned",
            body: `${actor.displayName} unassigned ${previous ?? "this"}`,
            data: { previousAssigneeId: conversation.assigneeId },
          },
      now,
    );
    changed.push("assignee");
    before.assigneeId = conversation.assigneeId;
    after.assigneeId = assignee?.id ?? null;
  }

  if (changes.priority !== undefined && changes.priority !== conversation.priority) {
    await tx.supportConversation.update({ where: { id: conversation.id }, data: { priority: changes.priority } });
    await addSystemMessage(
      tx,
      {
        ...base,
        systemEvent: "priority.changed",
        body: `${actor.displayName} changed the priority from ${conversation.priority.toLowerCase()} to ${changes.priority.toLowerCase()}`,
        data: { from: conversation.priority, to: changes.priority },
      },
      now,
    );
    changed.push("priority");
    before.priority = conversation.priority;
    after.priority = changes.priority;
  }

  if (changes.labels !== undefined) {
    const labels = [...new Set(changes.labels)];
    const added = labels.filter((label) => !conversation.labels.includes(label));
    const removed = conversation.labels.filter((label) => !labels.includes(label));
    if (added.length > 0 || removed.length > 0) {
      await tx.supportConversation.update({ where: { id: conversation.id }, data: { labels } });
      const parts = [added.length ? `added ${added.join(", ")}` : null, removed.length ? `removed ${removed.join(", ")}` : null].filter(Boolean);
      await addSystemMessage(
        tx,
        { ...base, systemEvent: "labels.changed", body: `${actor.displayName} ${parts.join(" and ")}`, data: { added, removed, labels } },
        now,
      );
      changed.push("labels");
      before.labels = conversation.labels;
      after.labels = labels;
    }
  }

  if (changed.length === 0) return changed;
  await recordAudit(tx, {
    organizationId: actor.organizationId,
    actor: actor.audit,
    action: "support.conversation-update",
    targetType: "SupportConversation",
    targetId: conversation.id,
    data: { number: conversation.number, before, after } as Prisma.InputJsonValue,
  });
  for (const change of changed) await announceConversationChange(tx, { conversationId: conversation.id, organizationId: actor.organizationId, change });
  return changed;
}

/** The new status's fields, or null when asking for what already is. */
function statusChange(conversation: TLocked, changes: TConversationChanges, now: Date) {
  if (changes.snoozedUntil !== undefined && changes.status !== "SNOOZED") {
    throw new AppError("VALIDATION_ERROR", "A snooze time goes with the status SNOOZED.", { field: "snoozedUntil" });
  }
  const to = changes.status;
  if (to === undefined) return null;
  if (to === "SNOOZED") {
    const until = changes.snoozedUntil;
    if (!until) throw new AppError("VALIDATION_ERROR", "Until when? A snooze needs a time.", { field: "snoozedUntil" });
    if (until <= now || until.getTime() - now.getTime() > SNOOZE_MAX_MS) {
      throw new AppError("VALIDATION_ERROR", "Snooze until a time in the future, at most a year ahead.", { field: "snoozedUntil" });
    }
    if (conversation.status === "SNOOZED" && conversation.snoozedUntil?.getTime() === until.getTime()) return null;
    return { to, snoozedUntil: until, data: { status: to, snoozedUntil: until, resolvedAt: null } satisfies Prisma.SupportConversationUpdateInput };
  }
  if (to === conversation.status) return null;
  if (to === "RESOLVED") {
    // Solved owes nothing: a buyer's next message starts the clock afresh (conversation-rules.ts buyerWrote).
    const data = {
      status: to,
      resolvedAt: now,
      snoozedUntil: null,
      pendingSince: null,
      waitingSince: null,
      nextResponseDueAt: null,
      ...(conversation.firstResponseAt === null ? { firstResponseDueAt: null } : {}),
    } satisfies Prisma.SupportConversationUpdateInput;
    return { to, snoozedUntil: null, data };
  }
  const data = {
    status: to,
    snoozedUntil: null,
    resolvedAt: null,
    pendingSince: to === "PENDING" ? now : null,
  } satisfies Prisma.SupportConversationUpdateInput;
  return { to, snoozedUntil: null, data };
}

/** A member of the organisation whose role answers support; anyone else is VALIDATION_ERROR on assigneeId. */
async function requireAgent(tx: Prisma.TransactionClient, organizationId: string, userId: string) {
  const membership = await tx.membership.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    select: { role: true, user: { select: { id: true, name: true, email: true, disabledAt: true } } },
  });
  if (!membership || membership.user.disabledAt || !roleCan(membership.role, "support.answer")) {
    throw new AppError("VALIDATION_ERROR", "Conversations can be assigned only to members who answer support.", { field: "assigneeId" });
  }
  return membership.user;
}
