import type { Db } from "@marquee/db";
import { endAllSessions } from "../account/end-sessions.ts";
import { type TMemberInput, lockMembership } from "./change-member-role.ts";

/** Takes a member out of the organisation and ends their sessions in the same transaction (never the last owner). */
export async function removeMember(deps: { db: Db }, input: TMemberInput): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    await lockMembership(tx, input, () => true);
    await tx.membership.delete({ where: { userId_organizationId: { userId: input.userId, organizationId: input.organizationId } } });
    await endAllSessions(tx, input.userId);
  });
}
