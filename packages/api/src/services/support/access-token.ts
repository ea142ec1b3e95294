import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A conversation's bearer token for guests: 32 random bytes, base64url; only its SHA-256 is stored. */
export const newSupportAccessToken = (): string => randomBytes(32).toString("base64url");

export const hashSupportAccessToken = (token: string): string => createHash("sha256").update(token).digest("hex");

// Tokens are 43 base64url characters; anything far off is refused without hashing.
const PLAUSIBLE_TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

/** Whether the token is the one whose hash the conversation stores (constant time). */
export function supportAccessTokenMatches(token: string | null | undefined, storedHash: string): boolean {
  if (!token || !PLAUSIBLE_TOKEN.test(token)) return false;
  const given = Buffer.from(hashSupportAccessToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
