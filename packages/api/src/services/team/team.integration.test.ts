import { describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { loadSessionUser } from "../../session.ts";
import { disableUser } from "../account/disable-user.ts";
import { changeMemberRole } from "./change-member-role.ts";
import { removeMember } from "./remove-member.ts";

const h = useHarness();
const sessionAt = (userId: string, sessionVersion: number) => loadSessionUser(h.db, { sub: userId, sessionVersion });

describe("team changes end the member's sessions", () => {
  it("changeMemberRole: the new role, and the cookie issued under the old one is refused", async () => {
    const organization = await h.make.organization();
    await h.make.member(organization.id, "OWNER");
    const member = await h.make.member(organization.id, "ADMIN");
    expect(await sessionAt(member.id, 0)).toMatchObject({ memberships: [{ role: "ADMIN" }] });

    await changeMemberRole({ db: h.db }, { organizationId: organization.id, userId: member.id, role: "DOOR_STAFF" });
    expect(await sessionAt(member.id, 0)).toBeNull();
    expect(await sessionAt(member.id, 1)).toMatchObject({ memberships: [{ organizationId: organization.id, role: "DOOR_STAFF" }] });
    // The same role again changes nothing and ends nothing.
    await changeMemberRole({ db: h.db }, { organizationId: organization.id, userId: member.id, role: "DOOR_STAFF" });
    expect(await sessionAt(member.id, 1)).not.toBeNull();
  });

  it("removeMember: the membership goes and the member's sessions end; strangers are NOT_FOUND", async () => {
    const organization = await h.make.organization();
    await h.make.member(organization.id, "OWNER");
    const member = await h.make.member(organization.id, "BOX_OFFICE");
    await removeMember({ db: h.db }, { organizationId: organization.id, userId: member.id });
    expect(await h.db.membership.count({ where: { userId: member.id } })).toBe(0);
    expect(await sessionAt(member.id, 0)).toBeNull();
    expect(await sessionAt(member.id, 1)).toMatchObject({ memberships: [] });
    await expect(removeMember({ db: h.db }, { organizationId: organization.id, userId: member.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("never leaves an organisation without an owner, and changes nothing when refusing", async () => {
    const organization = await h.make.organization();
    const owner = await h.make.member(organization.id, "OWNER");
    await expect(changeMemberRole({ db: h.db }, { organizationId: organization.id, userId: owner.id, role: "ADMIN" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(removeMember({ db: h.db }, { organizationId: organization.id, userId: owner.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await sessionAt(owner.id, 0)).toMatchObject({ memberships: [{ role: "OWNER" }] });

    const second = await h.make.member(organization.id, "OWNER");
    await removeMember({ db: h.db }, { organizationId: organization.id, userId: owner.id });
    expect(await sessionAt(second.id, 0)).toMatchObject({ memberships: [{ role: "OWNER" }] });
  });

  it("disableUser: the account is disabled and its sessions end at once", async () => {
    const user = await h.make.user({ sessionVersion: 7 });
    await disableUser({ db: h.db, clock: systemClock }, user.id);
    expect(await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ sessionVersion: 8, disabledAt: expect.any(Date) });
    expect(await sessionAt(user.id, 7)).toBeNull();
    expect(await sessionAt(user.id, 8)).toBeNull();
    await expect(disableUser({ db: h.db, clock: systemClock }, crypto.randomUUID())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
