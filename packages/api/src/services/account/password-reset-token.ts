import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** Reset links work this long, once. */
export const PASSWORD_RESET_TTL_MINUTES = 30;

/** The rules of every new password (sign-up, set, change, reset). */
export const ZNewPassword = z.string().min(10).max(200);

/** A reset token as the link carries it: 32 random bytes, base64url (43 characters). */
export const ZPasswordResetToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "not a password reset token");

export const newPasswordResetToken = () => randomBytes(32).toString("base64url");

/** Only this digest of a token is stored. */
export const hashPasswordResetToken = (token: string) => createHash("sha256").update(`marquee-password-reset:${token}`).digest("base64url");

/**
 * A digest of the user's password state (its scrypt hash, or none): stored with a link and
 * compared when it is used, so a password changed since (or cleared by the first proof of the
 * address) voids every older link.
 */
export const passwordStamp = (passwordHash: string | null) =>
  createHash("sha256")
    .update(`marquee-password-stamp:${passwordHash ?? "none"}`)
    .digest("base64url");

/** Constant-time equality of two digests. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
