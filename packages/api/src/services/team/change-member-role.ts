import type { Db, Prisma, TeamRole } from "@marquee/db";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { endAllSessions } from "../account/end-sessions.ts";
import { type TAuditActor, recordAudit } from "../audit/record-audit.ts";

/** Who makes a team change from the console or the API: audited, and only owners touch owners. */
export interface TTeamActor {
  audit: TAuditActor;
  role: TeamRole;
}

/** Only an owner may make someone an owner or change (or remove) an owner. */
export function assertMayTouchOwner(actor: TTeamActor | undefined, touchesOwner: boolean) {
  if (actor && touchesOwner && actor.role !== "OWNER") throw new AppError("FORBIDDEN", "Only an owner may make owners or change an owner.");
}

export const ZMemberInput = z.object({ organizationId: z.uuid(), userId: z.uuid() });
export type TMemberInput = z.infer<typeof ZMemberInput>;

export const ZChangeMemberRoleInput = ZMemberInput.extend({ role: z.enum(["OWNER", "ADMIN", "BOX_OFFICE", "DOOR_STAFF", "SUPPORT_AGENT"]) });
export type TChangeMemberRoleInput = z.infer<typeof ZChangeMemberRoleInput>;

/**
 * Locks the organisation's memberships and answers the member's, or NOT_FOUND. Refuses to take
 * away the last owner (CONFLICT): an organisation always has someone who can manage it.
 */
export async function lockMembership(
  tx: Prisma.TransactionClient,
  input: TMemberInput,
  losesOwner: (role: TeamRole) => boolean,
  /** Checks the member's current role first (who may touch it), before the last-owner rule. */
  mayTouch?: (role: TeamRole) => void,
) {
  const rows = await tx.$queryRaw<{ userId: string; role: TeamRole }[]>`
    SELECT "userId", role FROM "Membership" WHERE "organizationId" = ${input.organizationId}::uuid ORDER BY id FOR UPDATE`;
  const membership = rows.find((row) => row.userId === input.userId);
  if (!membership) throw new AppError("NOT_FOUND", "This person is not a member of the organisation.");
  mayTouch?.(membership.role);
  if (membership.role === "OWNER" && losesOwner(membership.role) && rows.filter((row) => row.role === "OWNER").length === 1) {
    throw new AppError("CONFLICT", "An organisation needs at least one owner.");
  }
  return membership;
}

/**
 * A member's new role, and their sessions end in the same transaction: the old role's cookies stop
 * working at once. With an actor (console, API) the change is audited (`team.role-change`).
 */
export async function changeMemberRole(deps: { db: Db }, input: TChangeMemberRoleInput, actor?: TTeamActor) {
  return deps.db.$transaction(async (tx) => {
    const membership = await lockMembership(
      tx,
      input,
      () => input.role !== "OWNER",
      (role) => assertMayTouchOwner(actor, role === "OWNER" || input.role === "OWNER"),
    );
    if (membership.role === input.role) return { userId: input.userId, organizationId: input.organizationId, role: input.role };
    await tx.membership.update({
      where: { userId_organizationId: { userId: input.userId, organizationId: input.organizationId } },
      data: { role: input.role },
    });
    await endAllSessions(tx, input.userId);
    if (actor) {
      await recordAudit(tx, {
        organizationId: input.organizationId,
        actor: actor.audit,
        action: "team.role-change",
        targetType: "User",
        targetId: input.userId,
        data: { before: membership.role, after: input.role },
      });
    }
    return { userId: input.userId, organizationId: input.organizationId, role: input.role };
  });
}
