import type { Db } from "@marquee/db";
import { endAllSessions } from "../account/end-sessions.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { type TMemberInput, type TTeamActor, assertMayTouchOwner, lockMembership } from "./change-member-role.ts";

/**
 * Takes a member out of the organisation and ends their sessions in the same transaction (never
 * the last owner; only an owner removes an owner). With an actor the removal is audited (`team.remove`).
 */
export async function removeMember(deps: { db: Db }, input: TMemberInput, actor?: TTeamActor): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const membership = await lockMembership(
      tx,
      input,
      () => true,
      (role) => assertMayTouchOwner(actor, role === "OWNER"),
    );
    await tx.membership.delete({ where: { userId_organizationId: { userId: input.userId, organizationId: input.organizationId } } });
    await endAllSessions(tx, input.userId);
    if (actor) {
      await recordAudit(tx, {
        organizationId: input.organizationId,
        actor: actor.audit,
        action: "team.remove",
        targetType: "User",
        targetId: input.userId,
        data: { role: membership.role },
      });
    }
  });
}
