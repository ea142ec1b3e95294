import type { Db } from "@marquee/db";
import { hashPassword } from "@marquee/db/password";
import { z } from "zod";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { ZNewPassword, ZPasswordResetToken, hashPasswordResetToken, passwordStamp, sameDigest } from "./password-reset-token.ts";

export const ZResetPasswordInput = z.object({ token: ZPasswordResetToken, password: ZNewPassword });
export type TResetPasswordInput = z.infer<typeof ZResetPasswordInput>;

const linkExpired = () => new AppError("LINK_EXPIRED", "This password reset link has expired or was used already. Ask for a new one.");

/**
 * Sets a new password from an e-mailed reset link. The link works once, before it expires, for
 * its own user, and only while the password is still the one it was issued under; every other
 * unused link of the user dies with it. Every session ends (sessionVersion). Following the link
 * also proves the address: only its owner received it. Any refusal is LINK_EXPIRED and changes
 * nothing. Answers the account's address, so the client can sign in with the new password.
 */
export async function resetPassword(deps: { db: Db; clock: Clock }, input: TResetPasswordInput): Promise<{ email: string }> {
  const tokenHash = hashPasswordResetToken(input.token);
  const link = await deps.db.passwordResetToken.findUnique({
    where: { tokenHash },
    include: { user: { select: { email: true, passwordHash: true, emailVerifiedAt: true, disabledAt: true } } },
  });
  const now = deps.clock.now();
  if (
    !link ||
    !sameDigest(link.tokenHash, tokenHash) ||
    link.usedAt ||
    link.expiresAt <= now ||
    link.user.disabledAt ||
    !sameDigest(link.passwordStamp, passwordStamp(link.user.passwordHash))
  ) {
    throw linkExpired();
  }
  const passwordHash = await hashPassword(input.password);
  await deps.db.$transaction(async (tx) => {
    // Conditional writes: of two uses at once, or a use racing a password change, one wins.
    const used = await tx.passwordResetToken.updateMany({ where: { id: link.id, usedAt: null }, data: { usedAt: now } });
    const changed = await tx.user.updateMany({
      where: { id: link.userId, passwordHash: link.user.passwordHash, disabledAt: null },
      data: { passwordHash, sessionVersion: { increment: 1 }, emailVerifiedAt: link.user.emailVerifiedAt ?? now },
    });
    if (used.count !== 1 || changed.count !== 1) throw linkExpired();
    await tx.passwordResetToken.updateMany({ where: { userId: link.userId, usedAt: null }, data: { usedAt: now } });
  });
  return { email: link.user.email };
}
