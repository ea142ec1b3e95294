import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { systemClock } from "../clock.ts";
import { authenticateApiToken } from "../services/api-token/authenticate-api-token.ts";
import { issueApiTokenForMember } from "../services/api-token/issue-api-token-for-member.ts";
import { makeApiToken } from "../testing/api-token.ts";
import { useHarness } from "../testing/harness.ts";

const h = useHarness();

describe("apiToken.create / list / revoke", () => {
  it("creates a token shown once, stored as SHA-256 only, audited; list never shows the secret", async () => {
    const { organizationId, userId, caller } = await h.memberOf("OWNER");
    const { token, apiToken } = await caller.apiToken.create({ organizationId, name: "Ticket sync", role: "BOX_OFFICE" });
    expect(token).toMatch(/^mq_org_[A-Za-z0-9_-]{43}$/);
    const row = await h.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
    expect(row).toMatchObject({ organizationId, name: "Ticket sync", role: "BOX_OFFICE", createdById: userId, prefix: token.slice(0, 11) });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(await caller.apiToken.list({ organizationId }))).not.toContain(token);
    expect(await caller.apiToken.list({ organizationId })).toEqual([
      expect.objectContaining({ id: apiToken.id, createdBy: expect.objectContaining({ id: userId }) }),
    ]);
    const audit = await h.db.auditLog.findMany({ where: { organizationId, action: "api-token.create" } });
    expect(audit).toEqual([expect.objectContaining({ actorId: userId, targetId: apiToken.id, data: expect.objectContaining({ role: "BOX_OFFICE" }) })]);
    expect(JSON.stringify(audit.map((entry) => entry.data))).not.toContain(token);
  });

  it("refuses an OWNER token, a past expiry and an over-long name", async () => {
    const { organizationId, caller } = await h.memberOf("ADMIN");
    await expect(caller.apiToken.create({ organizationId, name: "x", role: "OWNER" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.apiToken.create({ organizationId, name: "x", role: "ADMIN", expiresAt: new Date(Date.now() - 1000) })).rejects.toMatchObject({
      cause: { code: "VALIDATION_ERROR" },
    });
    await expect(caller.apiToken.create({ organizationId, name: "x".repeat(81), role: "ADMIN" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("revokes at once, audited; another organisation's token id is NOT_FOUND and stays valid", async () => {
    const { organizationId, caller } = await h.memberOf("ADMIN");
    const mine = await makeApiToken(h, organizationId, "SUPPORT_AGENT");
    const other = await h.make.organization();
    const theirs = await makeApiToken(h, other.id, "ADMIN");
    await expect(caller.apiToken.revoke({ organizationId, tokenId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.apiToken.revoke({ organizationId: other.id, tokenId: theirs.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await h.db.apiToken.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
    const revoked = await caller.apiToken.revoke({ organizationId, tokenId: mine.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await caller.apiToken.list({ organizationId })).toEqual([]);
    expect(await caller.apiToken.list({ organizationId, includeRevoked: true })).toEqual([expect.objectContaining({ id: mine.id })]);
    expect(await h.db.auditLog.count({ where: { organizationId, action: "api-token.revoke", targetId: mine.id } })).toBe(1);
  });

  it("is for owners and admins only", async () => {
    for (const role of ["BOX_OFFICE", "SUPPORT_AGENT", "DOOR_STAFF"] as const) {
      const { organizationId, caller } = await h.memberOf(role);
      await expect(caller.apiToken.list({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.apiToken.create({ organizationId, name: "x", role: "ADMIN" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.apiToken.revoke({ organizationId, tokenId: crypto.randomUUID() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("audit.list", () => {
  it("filters by action prefix, actor, target and dates, pages newest first, and shows only this organisation", async () => {
    const { organizationId, userId, caller } = await h.memberOf("OWNER");
    const token = await makeApiToken(h, organizationId, "ADMIN", { createdById: userId, name: "Nightly export" });
    for (let n = 0; n < 3; n += 1) await caller.apiToken.create({ organizationId, name: `t${n}`, role: "DOOR_STAFF" });
    const other = await h.memberOf("OWNER");
    await other.caller.apiToken.create({ organizationId: other.organizationId, name: "theirs", role: "ADMIN" });
    await h.db.auditLog.create({
      data: {
        organizationId,
        actorKind: "api-token",
        action: "order.refund",
        targetType: "order",
        targetId: "o-1",
        data: { credentialId: token.id },
        ip: "203.0.113.9",
      },
    });

    const first = await caller.audit.list({ organizationId, actionPrefix: "api-token", limit: 2 });
    expect(first.entries.map((e) => e.action)).toEqual(["api-token.create", "api-token.create"]);
    const second = await caller.audit.list({ organizationId, actionPrefix: "api-token", limit: 2, cursor: first.nextCursor! });
    expect(second.entries).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(BigInt(first.entries[1]!.id)).toBeGreaterThan(BigInt(second.entries[0]!.id));

    const byToken = await caller.audit.list({ organizationId, actorId: token.id });
    expect(byToken.entries).toEqual([
      expect.objectContaining({
        action: "order.refund",
        ip: "203.0.113.9",
        actor: expect.objectContaining({ apiToken: { id: token.id, name: "Nightly export" } }),
      }),
    ]);
    expect((await caller.audit.list({ organizationId, targetType: "order", targetId: "o-1" })).entries).toHaveLength(1);
    expect((await caller.audit.list({ organizationId, to: new Date(Date.now() - 3_600_000) })).entries).toHaveLength(0);
    const all = await caller.audit.list({ organizationId, limit: 100 });
    expect(all.entries.every((e) => e.targetId !== other.organizationId)).toBe(true);
    expect(all.entries.some((e) => (e.data as { name?: string }).name === "theirs")).toBe(false);
    await expect(caller.audit.list({ organizationId, limit: 101 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses another organisation and the roles without organization.manage", async () => {
    const { caller } = await h.memberOf("OWNER");
    const other = await h.make.organization();
    await expect(caller.audit.list({ organizationId: other.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    for (const role of ["BOX_OFFICE", "SUPPORT_AGENT", "DOOR_STAFF"] as const) {
      const member = await h.memberOf(role);
      await expect(member.caller.audit.list({ organizationId: member.organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("npm run api-token (issueApiTokenForMember)", () => {
  it("issues a working token for a member who manages the organisation, and refuses the rest clearly", async () => {
    const { organizationId, userId } = await h.memberOf("OWNER");
    const owner = await h.db.user.findUniqueOrThrow({ where: { id: userId } });
    const issued = await issueApiTokenForMember({ db: h.db }, { email: owner.email.toUpperCase(), name: "CI", role: "box_office" });
    expect(issued).toMatchObject({ organization: { id: organizationId }, apiToken: { role: "BOX_OFFICE", name: "CI" } });
    const session = await authenticateApiToken({ db: h.db, clock: systemClock }, `Bearer ${issued.token}`);
    expect(session.memberships).toEqual([expect.objectContaining({ organizationId, role: "BOX_OFFICE" })]);

    await expect(issueApiTokenForMember({ db: h.db }, { email: "nobody@example.test", name: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const buyer = await h.make.user();
    await expect(issueApiTokenForMember({ db: h.db }, { email: buyer.email, name: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const door = await h.memberOf("DOOR_STAFF");
    const doorUser = await h.db.user.findUniqueOrThrow({ where: { id: door.userId } });
    await expect(issueApiTokenForMember({ db: h.db }, { email: doorUser.email, name: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(issueApiTokenForMember({ db: h.db }, { email: owner.email, name: "x", role: "OWNER" })).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
  });
});
