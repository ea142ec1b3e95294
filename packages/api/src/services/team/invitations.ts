import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { writeOutbox } from "../outbox/write-outbox.ts";
import { type TTeamActor, assertMayTouchOwner } from "./change-member-role.ts";
import { INVITATION_TTL_DAYS, type TInvitationIdInput, type TInvitationOutput, type TInviteMemberInput } from "./team-schemas.ts";

type TTeamDeps = { db: Db; clock: Clock };

const expiresFrom = (now: Date) => new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 3_600_000);

export const toInvitationOutput = (row: { id: string; email: string; role: TInvitationOutput["role"]; createdAt: Date; expiresAt: Date }, now: Date) => ({
  id: row.id,
  email: row.email,
  role: row.role,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  expired: row.expiresAt <= now,
});

const sendEvent = (invitationId: string) =>
  ({ topic: "team.invitation-sent", aggregateType: "Invitation", aggregateId: invitationId, payload: { invitationId, sendId: crypto.randomUUID() } }) as const;

/**
 * Invites an address with a role: a pending invitation (7 days), audited `team.invite`, and the
 * e-mail through the outbox (the worker mints the token). A pending invitation of the same address
 * is replaced (its link stops working); a member already on the team is CONFLICT; only owners invite owners.
 */
export async function inviteMember(deps: TTeamDeps, actor: TTeamActor, input: TInviteMemberInput) {
  assertMayTouchOwner(actor, input.role === "OWNER");
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { organizationId: input.organizationId, user: { email: input.email } }, select: { id: true } });
    if (member) throw new AppError("CONFLICT", "This person is already on the team.", { field: "email" });
    await tx.invitation.updateMany({
      where: { organizationId: input.organizationId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now, tokenHash: null },
    });
    const invitation = await tx.invitation.create({
      data: { organizationId: input.organizationId, email: input.email, role: input.role, invitedById: actor.audit.userId, expiresAt: expiresFrom(now) },
    });
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: actor.audit,
      action: "team.invite",
      targetType: "Invitation",
      targetId: invitation.id,
      data: { email: input.email, role: input.role },
    });
    await writeOutbox(tx, sendEvent(invitation.id));
    return toInvitationOutput(invitation, now);
  });
}

/** A pending invitation of this organisation, locked; NOT_FOUND for another organisation's or a finished one. */
async function lockPending(tx: Parameters<Parameters<Db["$transaction"]>[0]>[0], input: TInvitationIdInput) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Invitation" WHERE id = ${input.invitationId}::uuid AND "organizationId" = ${input.organizationId}::uuid
      AND "acceptedAt" IS NULL AND "revokedAt" IS NULL FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", "No pending invitation with this id in the organisation.");
  return tx.invitation.findUniqueOrThrow({ where: { id: row.id } });
}

/** Sends a pending invitation again with a new link and 7 more days (the old link stops working); audited `team.invite-resend`. */
export async function resendInvitation(deps: TTeamDeps, actor: TTeamActor, input: TInvitationIdInput) {
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    const invitation = await lockPending(tx, input);
    assertMayTouchOwner(actor, invitation.role === "OWNER");
    const updated = await tx.invitation.update({ where: { id: invitation.id }, data: { expiresAt: expiresFrom(now), tokenHash: null } });
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: actor.audit,
      action: "team.invite-resend",
      targetType: "Invitation",
      targetId: invitation.id,
      data: { email: invitation.email, role: invitation.role },
    });
    await writeOutbox(tx, sendEvent(invitation.id));
    return toInvitationOutput(updated, now);
  });
}

/** Withdraws a pending invitation (its link stops working); audited `team.invite-revoke`. */
export async function revokeInvitation(deps: TTeamDeps, actor: TTeamActor, input: TInvitationIdInput): Promise<void> {
  const now = deps.clock.now();
  await deps.db.$transaction(async (tx) => {
    const invitation = await lockPending(tx, input);
    assertMayTouchOwner(actor, invitation.role === "OWNER");
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: now, tokenHash: null } });
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: actor.audit,
      action: "team.invite-revoke",
      targetType: "Invitation",
      targetId: invitation.id,
      data: { email: invitation.email, role: invitation.role },
    });
  });
}
