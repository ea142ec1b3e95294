import type { Db, TeamRole } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { CAPABILITIES, roleCan } from "../../permissions.ts";
import { recordAudit, type TAuditActor } from "../audit/record-audit.ts";
import type { z } from "zod";
import type { ZSupportAgent } from "./inbox-tools-schemas.ts";

// The organisation's agents: every member whose role answers support, whether they take
// automatically assigned conversations (SupportAgentState, available until they say otherwise),
// and how many unfinished conversations they hold.

type TSupportAgent = z.infer<typeof ZSupportAgent>;

const AGENT_ROLES = CAPABILITIES["support.answer"] as readonly TeamRole[];
/** Unfinished: still someone's work (a merged conversation lives on in the one it was merged into). */
const UNFINISHED = ["OPEN", "PENDING", "SNOOZED"] as const;
/** An organisation's team is small; the bound keeps one answer bounded anyway. */
const AGENTS_MAX = 500;

export async function listAgents(db: Db, organizationId: string): Promise<TSupportAgent[]> {
  const [members, states, load] = await Promise.all([
    db.membership.findMany({
      where: { organizationId, role: { in: [...AGENT_ROLES] } },
      orderBy: { createdAt: "asc" },
      take: AGENTS_MAX,
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
    }),
    db.supportAgentState.findMany({ where: { organizationId }, select: { userId: true, available: true, lastAssignedAt: true } }),
    db.supportConversation.groupBy({
      by: ["assigneeId"],
      where: { organizationId, assigneeId: { not: null }, status: { in: [...UNFINISHED] }, mergedIntoId: null },
      _count: { _all: true },
    }),
  ]);
  const stateOf = new Map(states.map((state) => [state.userId, state]));
  const loadOf = new Map(load.map((row) => [row.assigneeId, row._count._all]));
  return members.map(({ role, user }) => ({
    userId: user.id,
    name: user.name,
    email: user.email,
    role: role as TSupportAgent["role"],
    available: stateOf.get(user.id)?.available ?? true,
    openAssigned: loadOf.get(user.id) ?? 0,
    lastAssignedAt: stateOf.get(user.id)?.lastAssignedAt ?? null,
  }));
}

/**
 * An agent marks themself available or away; a team manager (team.manage) may do it for another
 * agent of the organisation (someone off sick). Anyone else asking for another member: FORBIDDEN.
 */
export async function setAgentAvailability(
  db: Db,
  input: { organizationId: string; callerId: string; callerRole: TeamRole; userId?: string; available: boolean; actor: TAuditActor },
): Promise<{ userId: string; available: boolean }> {
  const userId = input.userId ?? input.callerId;
  if (userId !== input.callerId && !roleCan(input.callerRole, "team.manage"))
    throw new AppError("FORBIDDEN", "Only team managers may change another agent's availability.");
  const member = await db.membership.findUnique({ where: { userId_organizationId: { userId, organizationId: input.organizationId } }, select: { role: true } });
  if (!member || !roleCan(member.role, "support.answer")) throw new AppError("NOT_FOUND", "Agent not found.");
  return db.$transaction(async (tx) => {
    const state = await tx.supportAgentState.upsert({
      where: { organizationId_userId: { organizationId: input.organizationId, userId } },
      create: { organizationId: input.organizationId, userId, available: input.available },
      update: { available: input.available },
      select: { userId: true, available: true },
    });
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: "support.agent-availability",
      targetType: "user",
      targetId: userId,
      data: { available: input.available },
    });
    return state;
  });
}
