import { TEST_PASSWORD, uniqueSuffix } from "@marquee/db/testing";
import { describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import type { TTeamInvitationSentEvent } from "../../jobs/definitions.ts";
import { loadSessionUser } from "../../session.ts";
import { useHarness } from "../../testing/harness.ts";
import { useMailCatcher } from "../../testing/mail-catcher-kit.ts";
import { hashInvitationToken, sendInvitationEmail } from "./send-invitation.ts";

// The console's team procedures and invitation links on real PostgreSQL, Redis and SMTP.

const h = useHarness();
const mail = useMailCatcher();

const newAddress = () => `invitee-${uniqueSuffix()}@example.test`;
const anonymous = () => h.callerAs(null, { app: "admin", request: { ip: `198.51.100.${Math.floor(Math.random() * 250) + 1}` } });

/** Runs the worker's job for every send of the invitation not handled yet; answers the token of the latest e-mail. */
async function deliverInvitation(invitationId: string): Promise<string> {
  const rows = await h.db.outboxEvent.findMany({ where: { topic: "team.invitation-sent", aggregateId: invitationId }, orderBy: { id: "asc" } });
  for (const row of rows)
    await sendInvitationEmail(
      { db: h.db, mailer: mail.mailer, clock: systemClock, adminUrl: "http://localhost:3001" },
      row.payload as TTeamInvitationSentEvent,
    );
  const invitation = await h.db.invitation.findUniqueOrThrow({ where: { id: invitationId } });
  const mails = (await (await fetch(`${mail.catcher.httpUrl}/messages?to=${encodeURIComponent(invitation.email)}`)).json()) as { id: string }[];
  const tokens = await Promise.all(
    mails.map(async ({ id }) => {
      const detail = (await (await fetch(`${mail.catcher.httpUrl}/messages/${id}`)).json()) as { text: string };
      return detail.text.match(/\/invites\/accept#token=([A-Za-z0-9_-]{43})/)![1]!;
    }),
  );
  // The e-mail whose token is the one stored now (a resend replaces it).
  const current = tokens.find((token) => hashInvitationToken(token) === invitation.tokenHash);
  expect(current).toBeTruthy();
  return current!;
}

const auditOf = (organizationId: string, action: string) => h.db.auditLog.findMany({ where: { organizationId, action } });

describe("team invitations", () => {
  it("invite -> e-mail -> a new account accepts with a name and password; audited; the link works once", async () => {
    const { organizationId, caller } = await h.memberOf("OWNER");
    const email = newAddress();
    const invitation = await caller.team.invite({ organizationId, email: email.toUpperCase(), role: "BOX_OFFICE" });
    expect(invitation).toMatchObject({ email, role: "BOX_OFFICE", expired: false });
    expect(invitation.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3_600_000);
    expect((await caller.team.invitations({ organizationId })).invitations.map((i) => i.id)).toEqual([invitation.id]);

    const token = await deliverInvitation(invitation.id);
    expect((await h.db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).tokenHash).not.toContain(token);
    expect(await (await anonymous()).invitation.preview({ token })).toMatchObject({ email, role: "BOX_OFFICE", accountExists: false });
    await expect((await anonymous()).invitation.accept({ token, name: "Bo", password: "short" })).rejects.toMatchObject({
      cause: { code: "VALIDATION_ERROR" },
    });
    expect(await (await anonymous()).invitation.accept({ token, name: "Bo Office", password: "box office password" })).toEqual({
      organizationId,
      email,
      role: "BOX_OFFICE",
    });

    const user = await h.db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(user.memberships).toMatchObject([{ organizationId, role: "BOX_OFFICE" }]);
    expect(await auditOf(organizationId, "team.invite")).toHaveLength(1);
    expect(await auditOf(organizationId, "team.invite-accept")).toMatchObject([{ actorId: user.id, targetId: invitation.id }]);
    await expect((await anonymous()).invitation.accept({ token, name: "Again", password: "box office password" })).rejects.toMatchObject({
      cause: { code: "LINK_EXPIRED" },
    });
    expect((await caller.team.invitations({ organizationId })).invitations).toEqual([]);
  });

  it("an existing account accepts signed in, or with its password; never someone else's session; resend voids the old link; revoke voids it", async () => {
    const { organizationId, caller } = await h.memberOf("ADMIN");
    const existing = await h.make.user();
    const stranger = await h.make.user();
    const invitation = await caller.team.invite({ organizationId, email: existing.email, role: "SUPPORT_AGENT" });
    const firstToken = await deliverInvitation(invitation.id);
    await caller.team.resendInvitation({ organizationId, invitationId: invitation.id });
    const token = await deliverInvitation(invitation.id);
    expect(token).not.toBe(firstToken);
    await expect((await anonymous()).invitation.preview({ token: firstToken })).rejects.toMatchObject({ cause: { code: "LINK_EXPIRED" } });

    // Signed in as somebody else, without the password: refused, nothing changes.
    const asStranger = await h.callerAs(stranger.id, { app: "admin" });
    await expect(asStranger.invitation.accept({ token })).rejects.toMatchObject({ cause: { code: "PASSWORD_INCORRECT" } });
    await expect((await anonymous()).invitation.accept({ token, password: "wrong password" })).rejects.toMatchObject({ cause: { code: "PASSWORD_INCORRECT" } });
    expect(await h.db.membership.count({ where: { organizationId, userId: { in: [existing.id, stranger.id] } } })).toBe(0);
    expect(await (await anonymous()).invitation.accept({ token, password: TEST_PASSWORD })).toMatchObject({ organizationId, role: "SUPPORT_AGENT" });
    await expect(caller.team.invite({ organizationId, email: existing.email, role: "ADMIN" })).rejects.toMatchObject({ cause: { code: "CONFLICT" } });

    const other = await caller.team.invite({ organizationId, email: newAddress(), role: "DOOR_STAFF" });
    const otherToken = await deliverInvitation(other.id);
    await caller.team.revokeInvitation({ organizationId, invitationId: other.id });
    await expect((await anonymous()).invitation.preview({ token: otherToken })).rejects.toMatchObject({ cause: { code: "LINK_EXPIRED" } });
    expect((await auditOf(organizationId, "team.invite-revoke")).map((e) => e.targetId)).toEqual([other.id]);

    // Signed in as the invited address: no password needed.
    const invitee = await h.make.user();
    const third = await caller.team.invite({ organizationId, email: invitee.email, role: "BOX_OFFICE" });
    const thirdToken = await deliverInvitation(third.id);
    expect(await (await h.callerAs(invitee.id, { app: "admin" })).invitation.accept({ token: thirdToken })).toMatchObject({ role: "BOX_OFFICE" });
  });

  it("an expired invitation is refused", async () => {
    const { organizationId, caller } = await h.memberOf("OWNER");
    const invitation = await caller.team.invite({ organizationId, email: newAddress(), role: "ADMIN" });
    const token = await deliverInvitation(invitation.id);
    await h.db.invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect((await anonymous()).invitation.accept({ token, name: "Late", password: "a late password" })).rejects.toMatchObject({
      cause: { code: "LINK_EXPIRED" },
    });
    expect((await caller.team.invitations({ organizationId })).invitations).toMatchObject([{ id: invitation.id, expired: true }]);
  });
});

describe("team roles", () => {
  it("changeRole and remove end the member's sessions at once, are audited, and keep an owner", async () => {
    const { organizationId, userId: ownerId, caller } = await h.memberOf("OWNER");
    const member = await h.make.member(organizationId, "BOX_OFFICE");
    await caller.team.changeRole({ organizationId, userId: member.id, role: "SUPPORT_AGENT" });
    expect(await loadSessionUser(h.db, { sub: member.id, sessionVersion: 0 })).toBeNull();
    expect(await auditOf(organizationId, "team.role-change")).toMatchObject([{ targetId: member.id, data: { before: "BOX_OFFICE", after: "SUPPORT_AGENT" } }]);
    const { members } = await caller.team.members({ organizationId });
    expect(members.map((m) => [m.userId, m.role])).toEqual([
      [ownerId, "OWNER"],
      [member.id, "SUPPORT_AGENT"],
    ]);
    await expect(caller.team.changeRole({ organizationId, userId: ownerId, role: "ADMIN" })).rejects.toMatchObject({ cause: { code: "CONFLICT" } });
    await caller.team.remove({ organizationId, userId: member.id });
    expect(await h.db.membership.count({ where: { userId: member.id } })).toBe(0);
    expect(await auditOf(organizationId, "team.remove")).toHaveLength(1);
  });

  it("only an owner makes owners or changes an owner; an admin cannot", async () => {
    const { organizationId, caller: admin } = await h.memberOf("ADMIN");
    const owner = await h.make.member(organizationId, "OWNER");
    const member = await h.make.member(organizationId, "BOX_OFFICE");
    await expect(admin.team.changeRole({ organizationId, userId: member.id, role: "OWNER" })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
    await expect(admin.team.changeRole({ organizationId, userId: owner.id, role: "ADMIN" })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
    await expect(admin.team.remove({ organizationId, userId: owner.id })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
    await expect(admin.team.invite({ organizationId, email: newAddress(), role: "OWNER" })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
    expect(await h.db.membership.findMany({ where: { organizationId }, select: { userId: true, role: true } })).toHaveLength(3);
    expect(await loadSessionUser(h.db, { sub: owner.id, sessionVersion: 0 })).not.toBeNull();
    await admin.team.changeRole({ organizationId, userId: member.id, role: "ADMIN" });
  });

  it("refuses another organisation's members and invitations (NOT_FOUND, nothing changes) and weaker roles (FORBIDDEN)", async () => {
    const a = await h.memberOf("OWNER");
    const b = await h.memberOf("OWNER");
    const bMember = await h.make.member(b.organizationId, "BOX_OFFICE");
    const bInvitation = await b.caller.team.invite({ organizationId: b.organizationId, email: newAddress(), role: "ADMIN" });
    const foreign = { organizationId: a.organizationId };
    await expect(a.caller.team.changeRole({ ...foreign, userId: bMember.id, role: "ADMIN" })).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    await expect(a.caller.team.remove({ ...foreign, userId: bMember.id })).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    await expect(a.caller.team.resendInvitation({ ...foreign, invitationId: bInvitation.id })).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    await expect(a.caller.team.revokeInvitation({ ...foreign, invitationId: bInvitation.id })).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    // Naming B's organisation outright is FORBIDDEN for A's owner.
    await expect(a.caller.team.members({ organizationId: b.organizationId })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
    await expect(a.caller.team.remove({ organizationId: b.organizationId, userId: bMember.id })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
    expect(await h.db.membership.findFirstOrThrow({ where: { userId: bMember.id } })).toMatchObject({ role: "BOX_OFFICE" });
    expect(await h.db.invitation.findUniqueOrThrow({ where: { id: bInvitation.id } })).toMatchObject({ revokedAt: null });

    for (const role of ["BOX_OFFICE", "SUPPORT_AGENT", "DOOR_STAFF"] as const) {
      const weak = await h.make.member(b.organizationId, role);
      const caller = await h.callerAs(weak.id, { app: "admin" });
      const org = { organizationId: b.organizationId };
      await expect(caller.team.members(org)).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
      await expect(caller.team.invitations(org)).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
      await expect(caller.team.invite({ ...org, email: newAddress(), role: "ADMIN" })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
      await expect(caller.team.resendInvitation({ ...org, invitationId: bInvitation.id })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
      await expect(caller.team.revokeInvitation({ ...org, invitationId: bInvitation.id })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
      await expect(caller.team.changeRole({ ...org, userId: weak.id, role: "OWNER" })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
      await expect(caller.team.remove({ ...org, userId: bMember.id })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
    }
  });
});
