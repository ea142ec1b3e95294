import type { Db } from "@marquee/db";
import { verifyPassword } from "@marquee/db/password";
import QRCode from "qrcode";
import { AppError } from "../../errors.ts";
import { type TAuditActor, recordAudit } from "../audit/record-audit.ts";
import type { TDisableTwoFactorInput } from "./two-factor-schemas.ts";
import { policyRequires } from "./two-factor-policy.ts";
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, openTotpSecret, sealTotpSecret, totpUri, verifyTotp } from "./totp.ts";
import { type TSecondFactorDeps, assertCodeBudget, recordCodeFailure, verifySecondFactor } from "./verify-second-factor.ts";

/** The caller's two-factor state, and which of their organisations require it of them. */
export async function twoFactorStatus(deps: { db: Db }, userId: string) {
  const user = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      twoFactorEnabledAt: true,
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
      memberships: { select: { role: true, organization: { select: { id: true, name: true, twoFactorPolicy: true } } } },
    },
  });
  return {
    enabled: user.twoFactorEnabledAt !== null,
    enabledAt: user.twoFactorEnabledAt,
    recoveryCodesLeft: user.twoFactorEnabledAt ? user._count.recoveryCodes : 0,
    requiredBy: user.memberships
      .filter((m) => policyRequires(m.organization.twoFactorPolicy, m.role))
      .map((m) => ({ organizationId: m.organization.id, organizationName: m.organization.name })),
  };
}

/**
 * Starts enrolment: a new secret, stored pending (not enabled) and shown this once as an otpauth
 * URL, its QR code and the text for manual entry. Someone enrolled already is CONFLICT.
 */
export async function beginEnrolment(deps: { db: Db }, user: { id: string; email: string }) {
  const secret = newTotpSecret();
  const updated = await deps.db.user.updateMany({
    where: { id: user.id, twoFactorEnabledAt: null },
    data: { twoFactorSecret: sealTotpSecret(user.id, secret), twoFactorLastStep: null },
  });
  if (updated.count !== 1) throw new AppError("CONFLICT", "Two-factor sign-in is already on. Turn it off first to enrol a new device.");
  const otpauthUrl = totpUri(secret, user.email);
  return { secret, otpauthUrl, qrSvg: await QRCode.toString(otpauthUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) };
}

/**
 * Confirms enrolment with a code from the app: two-factor is on, the code's step is used, and 10
 * recovery codes are made (returned this once; only their digests are stored). Audited
 * `account.two-factor-enable` in each of the user's organisations' logs.
 */
export async function confirmEnrolment(deps: TSecondFactorDeps, user: { id: string }, actor: TAuditActor, code: string) {
  await assertCodeBudget(deps, user.id);
  const row = await deps.db.user.findUniqueOrThrow({ where: { id: user.id }, select: { twoFactorSecret: true, twoFactorEnabledAt: true } });
  if (row.twoFactorEnabledAt) throw new AppError("CONFLICT", "Two-factor sign-in is already on.");
  if (!row.twoFactorSecret) throw new AppError("CONFLICT", "Start the enrolment first.");
  const secret = openTotpSecret(user.id, row.twoFactorSecret);
  if (!secret) throw new AppError("CONFLICT", "The enrolment cannot be read any more. Start again.");
  const step = await verifyTotp(secret, code.trim(), deps.clock.now(), null);
  if (step === null) await recordCodeFailure(deps, user.id);
  if (step === null) throw new AppError("VALIDATION_ERROR", "That code is not right. Check the time on your phone and try the next code.", { field: "code" });
  const recoveryCodes = newRecoveryCodes();
  await deps.db.$transaction(async (tx) => {
    const enabled = await tx.user.updateMany({
      where: { id: user.id, twoFactorEnabledAt: null, twoFactorSecret: row.twoFactorSecret },
      data: { twoFactorEnabledAt: deps.clock.now(), twoFactorLastStep: step },
    });
    if (enabled.count !== 1) throw new AppError("CONFLICT", "The enrolment changed meanwhile. Start again.");
    await tx.twoFactorRecoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.twoFactorRecoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) })) });
    await auditEverywhere(tx, user.id, actor, "account.two-factor-enable");
  });
  return { recoveryCodes };
}

/** Turns two-factor off with a current code (or recovery code) or the password; audited `account.two-factor-disable`. */
export async function disableTwoFactor(deps: TSecondFactorDeps, user: { id: string }, actor: TAuditActor, input: TDisableTwoFactorInput) {
  const row = await deps.db.user.findUniqueOrThrow({ where: { id: user.id }, select: { twoFactorEnabledAt: true, passwordHash: true } });
  if (!row.twoFactorEnabledAt) throw new AppError("CONFLICT", "Two-factor sign-in is not on.");
  let proven = false;
  if (input.code) proven = await verifySecondFactor(deps, user.id, input.code);
  else if (input.password) {
    await assertCodeBudget(deps, user.id);
    proven = !!row.passwordHash && (await verifyPassword(input.password, row.passwordHash));
    if (!proven) await recordCodeFailure(deps, user.id);
  }
  if (!proven) throw new AppError("PASSWORD_INCORRECT", "That code or password is not right.");
  await deps.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { twoFactorSecret: null, twoFactorEnabledAt: null, twoFactorLastStep: null } });
    await tx.twoFactorRecoveryCode.deleteMany({ where: { userId: user.id } });
    await auditEverywhere(tx, user.id, actor, "account.two-factor-disable");
  });
}

/** A personal change is entered in the log of every organisation the user is on (owners see who weakened their sign-in). */
async function auditEverywhere(tx: Parameters<Parameters<Db["$transaction"]>[0]>[0], userId: string, actor: TAuditActor, action: string) {
  const memberships = await tx.membership.findMany({ where: { userId }, select: { organizationId: true } });
  const targets = memberships.length ? memberships.map((m) => m.organizationId) : [null];
  for (const organizationId of targets) await recordAudit(tx, { organizationId, actor, action, targetType: "User", targetId: userId });
}
