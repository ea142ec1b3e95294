import type { Prisma } from "@marquee/db";
import { CAPABILITIES } from "../../permissions.ts";
import { addSystemMessage } from "./system-message.ts";

// Round-robin assignment of a new conversation (SupportSettings.autoAssign): among the available
// agents with room under maxOpenPerAgent, the one assigned least recently.

/** The statuses that count against an agent's cap (solved and merged ones do not). */
const ACTIVE_STATUSES = ["OPEN", "PENDING", "SNOOZED"] as const;
/** Organisations with more agents than this assign among the first ones (by joining date). */
const AGENTS_CONSIDERED_MAX = 500;

/**
 * Assigns the just-created conversation inside its transaction. The settings row is locked first,
 * so conversations opened at the same moment are assigned one after the other and each sees the
 * previous assignment (two at once go to two different agents). Nobody with room: unassigned.
 */
export async function autoAssign(
  tx: Prisma.TransactionClient,
  conversation: { id: string; organizationId: string },
  now: Date,
): Promise<{ assigneeId: string } | null> {
  const [settings] = await tx.$queryRaw<{ autoAssign: boolean; maxOpenPerAgent: number }[]>`
    SELECT "autoAssign", "maxOpenPerAgent" FROM "SupportSettings" WHERE "organizationId" = ${conversation.organizationId}::uuid FOR UPDATE`;
  if (!settings?.autoAssign) return null;
  const members = await tx.membership.findMany({
    where: { organizationId: conversation.organizationId, role: { in: [...CAPABILITIES["support.answer"]] }, user: { disabledAt: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: AGENTS_CONSIDERED_MAX,
    select: { userId: true, user: { select: { name: true, email: true } } },
  });
  if (members.length === 0) return null;
  const userIds = members.map((member) => member.userId);
  const [states, loads] = await Promise.all([
    tx.supportAgentState.findMany({
      where: { organizationId: conversation.organizationId, userId: { in: userIds } },
      select: { userId: true, available: true, lastAssignedAt: true },
    }),
    tx.supportConversation.groupBy({
      by: ["assigneeId"],
      where: { organizationId: conversation.organizationId, assigneeId: { in: userIds }, status: { in: [...ACTIVE_STATUSES] }, mergedIntoId: null },
      _count: { _all: true },
    }),
  ]);
  const stateOf = new Map(states.map((state) => [state.userId, state]));
  const loadOf = new Map(loads.map((load) => [load.assigneeId, load._count._all]));
  // Without a state row an agent is available and was never assigned (first in line).
  const candidates = members
    .filter((member) => (stateOf.get(member.userId)?.available ?? true) && (loadOf.get(member.userId) ?? 0) < settings.maxOpenPerAgent)
    .map((member, order) => ({ member, order, lastAssignedAt: stateOf.get(member.userId)?.lastAssignedAt?.getTime() ?? -Infinity }))
    .sort((a, b) => a.lastAssignedAt - b.lastAssignedAt || a.order - b.order);
  const chosen = candidates[0]?.member;
  if (!chosen) return null;
  await tx.supportConversation.update({ where: { id: conversation.id }, data: { assigneeId: chosen.userId, assignedAt: now } });
  await tx.supportAgentState.upsert({
    where: { organizationId_userId: { organizationId: conversation.organizationId, userId: chosen.userId } },
    create: { organizationId: conversation.organizationId, userId: chosen.userId, lastAssignedAt: now },
    update: { lastAssignedAt: now },
  });
  const name = chosen.user.name?.trim() || chosen.user.email;
  await addSystemMessage(
    tx,
    {
      conversationId: conversation.id,
      organizationId: conversation.organizationId,
      systemEvent: "assigned",
      body: `Assigned to ${name} automatically`,
      data: { assigneeId: chosen.userId, assigneeName: name, automatic: true },
    },
    now,
  );
  return { assigneeId: chosen.userId };
}
