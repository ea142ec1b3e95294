import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Every organisation API token starts with this, so secret scanners and people recognise it. */
export const API_TOKEN_PREFIX = "mq_org_";
// 32 random bytes in base64url: 43 characters.
const TOKEN_SHAPE = /^mq_org_[A-Za-z0-9_-]{43}$/;

/** A new token: 32 random bytes after the prefix. Shown once; only its digest is stored. */
export function generateApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** SHA-256 (hex) of the whole token: what the database keeps. */
export const apiTokenDigest = (token: string): string => createHash("sha256").update(token).digest("hex");

/** The first characters, kept in the clear so people can tell their tokens apart in the console. */
export const apiTokenDisplayPrefix = (token: string): string => token.slice(0, API_TOKEN_PREFIX.length + 4);

/** Whether the text has the shape of one of our tokens (cheap refusal before any database read). */
export const looksLikeApiToken = (token: string): boolean => TOKEN_SHAPE.test(token);

/** Constant-time comparison of two hex digests of equal length. */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
