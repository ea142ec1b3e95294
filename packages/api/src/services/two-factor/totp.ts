import { createHash, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import { openSealedValue, sealValue } from "../../lib/sealed-value.ts";

// TOTP as authenticator apps do it (RFC 6238: SHA-1, 6 digits, 30 s), one step of clock drift
// either way. Recovery codes are 10 random groups, stored as SHA-256 digests, each usable once.

export const TOTP_PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;

export const newTotpSecret = () => generateSecret();

/**
 * The secret as stored: `v1.<iv>.<ciphertext>.<tag>` (base64url), AES-256-GCM under a key derived
 * from AUTH_SECRET, with the user's id as associated data. A database dump alone cannot mint
 * codes, and a value copied onto another user's row does not open.
 */
export const sealTotpSecret = (userId: string, secret: string): string => sealValue("totp-secret", userId, secret);

/**
 * The secret from its stored form; null when it does not open (another user's, or sealed under
 * another AUTH_SECRET). A value without the `v1.` prefix is a secret stored before sealing (base32
 * has no dots) and is answered as it is.
 */
export const openTotpSecret = (userId: string, stored: string): string | null =>
  stored.startsWith("v1.") ? openSealedValue("totp-secret", userId, stored) : stored;

export const totpUri = (secret: string, accountEmail: string) => generateURI({ issuer: "Marquee Console", label: accountEmail, secret });

/** The code's time step if it is right now (±1 step) and later than `afterStep`; null otherwise. */
export async function verifyTotp(secret: string, code: string, now: Date, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  }).catch(() => null);
  return result?.valid && "timeStep" in result ? result.timeStep : null;
}

/** "xxxxx-xxxxx" in an alphabet without look-alikes. */
export function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const chars = Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Recovery codes are compared case- and dash-insensitively, as their digest. */
export const hashRecoveryCode = (code: string) =>
  createHash("sha256")
    .update(`marquee-recovery:${code.toLowerCase().replace(/[^a-z0-9]/g, "")}`)
    .digest("base64url");

export const looksLikeRecoveryCode = (code: string) => /^[a-z0-9]{5}-?[a-z0-9]{5}$/i.test(code.trim());
