import { TEST_PASSWORD } from "@marquee/db/testing";
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { authorizeCredentials } from "../../auth/password-sign-in.ts";
import { fixedClock } from "../../clock.ts";
import { adminRouter } from "../../root.ts";
import { useHarness } from "../../testing/harness.ts";
import { TWO_FACTOR_TRIES } from "./verify-second-factor.ts";

// Two-factor sign-in for console accounts, the organisation's policy and its settings page, on real PostgreSQL and Redis.

const h = useHarness();
const START = new Date("2026-12-06T10:00:00Z");
const codeAt = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

/** An owner enrolled at START (the clock is theirs to move), with the secret and recovery codes. */
async function enrolledOwner() {
  const clock = fixedClock(START);
  const { organizationId, userId } = await h.memberOf("OWNER");
  const caller = await h.callerAs(userId, { app: "admin", clock });
  const { secret, otpauthUrl, qrSvg } = await caller.twoFactor.beginEnrolment();
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Marquee%20Console:/);
  expect(qrSvg).toContain("<svg");
  const { recoveryCodes } = await caller.twoFactor.confirmEnrolment({ code: await codeAt(secret, START) });
  return { organizationId, userId, caller, clock, secret, recoveryCodes };
}

const signIn = async (userId: string, code: string | undefined, clock = fixedClock(START)) => {
  const user = await h.db.user.findUniqueOrThrow({ where: { id: userId } });
  return authorizeCredentials(
    { db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app: "admin", sleep: async () => undefined, clock },
    { email: user.email, password: TEST_PASSWORD, code },
  );
};

describe("two-factor enrolment and sign-in", () => {
  it("enrols with a code, then asks for a code at console sign-in, accepts each code once, and recovery codes once", async () => {
    const { userId, caller, secret, recoveryCodes } = await enrolledOwner();
    expect(recoveryCodes).toHaveLength(10);
    expect(await caller.twoFactor.status()).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    // The secret is never shown again.
    await expect(caller.twoFactor.beginEnrolment()).rejects.toMatchObject({ cause: { code: "CONFLICT" } });
    expect(JSON.stringify(await caller.twoFactor.status())).not.toContain(secret);
    const stored = await h.db.twoFactorRecoveryCode.findMany({ where: { userId } });
    expect(stored.map((row) => row.codeHash)).not.toContain(recoveryCodes[0]);

    await expect(signIn(userId, undefined)).rejects.toThrow("TWO_FACTOR_REQUIRED");
    // The enrolment's code was used at START: the same step again is a replay.
    await expect(signIn(userId, await codeAt(secret, START))).rejects.toThrow("TWO_FACTOR_INVALID");
    const later = new Date(START.getTime() + 60_000);
    const code = await codeAt(secret, later);
    await expect(signIn(userId, code, fixedClock(later))).resolves.toMatchObject({ id: userId });
    await expect(signIn(userId, code, fixedClock(later))).rejects.toThrow("TWO_FACTOR_INVALID");

    await expect(signIn(userId, recoveryCodes[0]!.toUpperCase())).resolves.toMatchObject({ id: userId });
    await expect(signIn(userId, recoveryCodes[0])).rejects.toThrow("TWO_FACTOR_INVALID");
    expect((await caller.twoFactor.status()).recoveryCodesLeft).toBe(9);
    // The shop does not ask (two-factor guards the console).
    const user = await h.db.user.findUniqueOrThrow({ where: { id: userId } });
    await expect(
      authorizeCredentials(
        { db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app: "web", sleep: async () => undefined },
        { email: user.email, password: TEST_PASSWORD },
      ),
    ).resolves.toMatchObject({ id: userId });
  });

  it("stores the secret sealed (AES-GCM, bound to the user): the row is not the secret, and copied onto another account it opens nothing", async () => {
    const { userId, secret } = await enrolledOwner();
    const stored = (await h.db.user.findUniqueOrThrow({ where: { id: userId } })).twoFactorSecret!;
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(secret);
    const later = new Date(START.getTime() + 60_000);
    const other = await enrolledOwner();
    await h.db.user.update({ where: { id: other.userId }, data: { twoFactorSecret: stored } });
    await expect(signIn(other.userId, await codeAt(secret, later), fixedClock(later))).rejects.toThrow("TWO_FACTOR_INVALID");
    // The same code on its own account signs in.
    await expect(signIn(userId, await codeAt(secret, later), fixedClock(later))).resolves.toMatchObject({ id: userId });
  });

  it(`refuses codes after ${TWO_FACTOR_TRIES.points} wrong ones per account per 15 minutes; a wrong password never reaches the code`, async () => {
    const { userId, secret } = await enrolledOwner();
    for (let i = 0; i < TWO_FACTOR_TRIES.points; i++) await expect(signIn(userId, "000000")).rejects.toThrow("TWO_FACTOR_INVALID");
    const later = new Date(START.getTime() + 90_000);
    await expect(signIn(userId, await codeAt(secret, later), fixedClock(later))).rejects.toThrow("TWO_FACTOR_RATE_LIMITED");
    const user = await h.db.user.findUniqueOrThrow({ where: { id: userId } });
    await expect(
      authorizeCredentials(
        { db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app: "admin", sleep: async () => undefined },
        { email: user.email, password: "wrong", code: "123456" },
      ),
    ).resolves.toBeNull();
  });

  it("turns off with a code or the password, never with a wrong one; enable and disable are audited", async () => {
    const { organizationId, userId, caller, secret, clock } = await enrolledOwner();
    await expect(caller.twoFactor.disable({ password: "wrong" })).rejects.toMatchObject({ cause: { code: "PASSWORD_INCORRECT" } });
    await expect(caller.twoFactor.disable({})).rejects.toMatchObject({ code: "BAD_REQUEST" });
    clock.advance(30_000);
    await caller.twoFactor.disable({ code: await codeAt(secret, clock.now()) });
    expect(await h.db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ twoFactorSecret: null, twoFactorEnabledAt: null });
    expect(await h.db.twoFactorRecoveryCode.count({ where: { userId } })).toBe(0);
    await expect(signIn(userId, undefined)).resolves.toMatchObject({ id: userId });
    const actions = (await h.db.auditLog.findMany({ where: { organizationId, targetId: userId }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["account.two-factor-enable", "account.two-factor-disable"]);

    const again = await caller.twoFactor.beginEnrolment();
    await expect(caller.twoFactor.confirmEnrolment({ code: "000000" })).rejects.toMatchObject({ cause: { code: "VALIDATION_ERROR" } });
    await caller.twoFactor.confirmEnrolment({ code: await codeAt(again.secret, clock.now()) });
    await caller.twoFactor.disable({ password: TEST_PASSWORD });
  });
});

describe("organizationSettings and the two-factor policy", () => {
  it("updates names, invoice details and the policy (audited before/after); the policy shows in the owner's status", async () => {
    const { organizationId, caller } = await h.memberOf("OWNER");
    const admin = await h.make.member(organizationId, "ADMIN");
    const adminCaller = await h.callerAs(admin.id, { app: "admin" });
    const saved = await adminCaller.organizationSettings.update({
      organizationId,
      legalName: "Shows GmbH",
      taxId: "DE123456789",
      supportEmail: "",
      twoFactorPolicy: "OWNERS",
    });
    expect(saved).toMatchObject({ legalName: "Shows GmbH", taxId: "DE123456789", supportEmail: null, twoFactorPolicy: "OWNERS" });
    expect(await caller.organizationSettings.get({ organizationId })).toMatchObject({ legalName: "Shows GmbH", twoFactorPolicy: "OWNERS" });
    const [entry] = await h.db.auditLog.findMany({ where: { organizationId, action: "organization.update" } });
    expect(entry!.data).toMatchObject({ legalName: { before: null, after: "Shows GmbH" }, twoFactorPolicy: { before: "OFF", after: "OWNERS" } });
    expect((await caller.twoFactor.status()).requiredBy).toEqual([{ organizationId, organizationName: expect.any(String) }]);
    expect((await adminCaller.twoFactor.status()).requiredBy).toEqual([]);
    // Requiring it of their own role before turning it on would lock the admin out: refused, nothing changed.
    await expect(adminCaller.organizationSettings.update({ organizationId, twoFactorPolicy: "OWNERS_AND_ADMINS" })).rejects.toMatchObject({
      cause: { code: "TWO_FACTOR_REQUIRED" },
    });
    expect(await h.db.organization.findUniqueOrThrow({ where: { id: organizationId } })).toMatchObject({ twoFactorPolicy: "OWNERS" });
    const { secret } = await adminCaller.twoFactor.beginEnrolment();
    await adminCaller.twoFactor.confirmEnrolment({ code: await codeAt(secret, new Date()) });
    await adminCaller.organizationSettings.update({ organizationId, twoFactorPolicy: "OWNERS_AND_ADMINS" });
    expect((await adminCaller.twoFactor.status()).requiredBy).toHaveLength(1);
    await expect(caller.organizationSettings.update({ organizationId, name: "x".repeat(121) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses another organisation and weaker roles, changing nothing", async () => {
    const a = await h.memberOf("OWNER");
    const b = await h.memberOf("OWNER");
    await expect(a.caller.organizationSettings.update({ organizationId: b.organizationId, name: "Taken over" })).rejects.toMatchObject({
      cause: { code: "FORBIDDEN" },
    });
    await expect(a.caller.organizationSettings.get({ organizationId: b.organizationId })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
    for (const role of ["BOX_OFFICE", "SUPPORT_AGENT", "DOOR_STAFF"] as const) {
      const weak = await h.callerAs((await h.make.member(b.organizationId, role)).id, { app: "admin" });
      await expect(weak.organizationSettings.get({ organizationId: b.organizationId })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
      await expect(weak.organizationSettings.update({ organizationId: b.organizationId, twoFactorPolicy: "OFF" })).rejects.toMatchObject({
        cause: { code: "FORBIDDEN" },
      });
    }
    expect(await h.db.organization.findUniqueOrThrow({ where: { id: b.organizationId } })).toMatchObject({ name: expect.not.stringMatching("Taken over") });
  });
});

describe("the two-factor policy on the API", () => {
  it("refuses a covered member without two-factor in every organisation procedure (TWO_FACTOR_REQUIRED) until they enrol; others are unaffected", async () => {
    const { organizationId, caller: owner } = await enrolledOwner();
    const admin = await h.make.member(organizationId, "ADMIN");
    const support = await h.make.member(organizationId, "SUPPORT_AGENT");
    await owner.organizationSettings.update({ organizationId, twoFactorPolicy: "OWNERS_AND_ADMINS" });
    await expect(
      (await h.callerAs((await h.db.membership.findFirstOrThrow({ where: { organizationId, role: "OWNER" } })).userId, { app: "admin" })).organization.current({
        organizationId,
      }),
    ).resolves.toMatchObject({ id: organizationId });
    // Sessions are re-read on every request: a fresh caller is the next request.
    const adminNow = await h.callerAs(admin.id, { app: "admin" });
    await expect(adminNow.organization.current({ organizationId })).rejects.toMatchObject({ cause: { code: "TWO_FACTOR_REQUIRED" } });
    await expect(adminNow.event.places({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN", cause: { code: "TWO_FACTOR_REQUIRED" } });
    // Roles the policy does not cover keep working; so does enrolling, which is not an organisation procedure.
    await expect((await h.callerAs(support.id, { app: "admin" })).organization.current({ organizationId })).resolves.toMatchObject({ id: organizationId });
    const { secret } = await adminNow.twoFactor.beginEnrolment();
    await adminNow.twoFactor.confirmEnrolment({ code: await codeAt(secret, new Date()) });
    await expect((await h.callerAs(admin.id, { app: "admin" })).organization.current({ organizationId })).resolves.toMatchObject({ id: organizationId });
  });
});

describe("the console router's public procedures", () => {
  it("are exactly sign-up and the invitation link's; every other procedure wants a session", async () => {
    const anonymous = await h.callerAs(null, { app: "admin", request: { ip: "203.0.113.9" } });
    const procedures = Object.keys(adminRouter._def.procedures as Record<string, unknown>);
    const open: string[] = [];
    for (const path of procedures) {
      const call = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], anonymous) as (input: unknown) => Promise<unknown>;
      const error = await call({}).then(
        () => null,
        (e: { cause?: { code?: string } }) => e,
      );
      if (error?.cause?.code !== "UNAUTHORIZED") open.push(path);
    }
    expect(open.sort()).toEqual(["invitation.accept", "invitation.preview", "organizerSignUp.confirmEmail", "organizerSignUp.signUp"]);
  });
});
