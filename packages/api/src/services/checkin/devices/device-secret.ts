import { createHash, randomBytes } from "node:crypto";
import { CROCKFORD_ALPHABET } from "@marquee/tickets";

/** Every device credential starts with this, so secret scanners and people recognise it. */
export const DEVICE_CREDENTIAL_PREFIX = "mq_dev_";
// 32 random bytes in base64url: 43 characters.
const CREDENTIAL_SHAPE = /^mq_dev_[A-Za-z0-9_-]{43}$/;

/** A new device credential: 32 random bytes after the prefix. Given to the device once; only its digest is stored. */
export const generateDeviceCredential = (): string => `${DEVICE_CREDENTIAL_PREFIX}${randomBytes(32).toString("base64url")}`;

export const looksLikeDeviceCredential = (token: string): boolean => CREDENTIAL_SHAPE.test(token);

/** SHA-256 (hex): what the database keeps of credentials and pairing tokens. */
export const secretDigest = (secret: string): string => createHash("sha256").update(secret).digest("hex");

/** How long a pairing token works (once). */
export const PAIRING_TOKEN_TTL_MS = 15 * 60_000;

const PAIRING_CHARS = 12; // 60 bits of Crockford base32, typed as XXXX-XXXX-XXXX

/**
 * A one-time pairing token people can type: 12 Crockford base32 characters (60 bits) in groups of
 * four. Guessing is bounded by the 15-minute life, single use and the pairing rate limit.
 */
export function generatePairingToken(): string {
  const bytes = randomBytes(PAIRING_CHARS);
  const chars = Array.from(bytes, (byte) => CROCKFORD_ALPHABET[byte & 31]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** The stored form of a typed or scanned pairing token: upper case, no spaces or dashes, O as 0, I and L as 1. */
export function normalizePairingToken(input: string): string | null {
  const chars = input
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replaceAll("O", "0")
    .replace(/[IL]/g, "1");
  if (chars.length !== PAIRING_CHARS) return null;
  for (const char of chars) if (!CROCKFORD_ALPHABET.includes(char)) return null;
  return chars;
}
