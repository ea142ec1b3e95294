import { createHmac, timingSafeEqual } from "node:crypto";
import { createEnv, secret } from "@marquee/config/env";

// Signed, expiring bearer tokens bound to what they grant (the e-mailed order and support links).
// `v1.<expiry, ms base36>.<HMAC-SHA256 base64url>` over the purpose, the bound values and the
// expiry: the token names none of the values, the caller supplies them from the row it opens, so
// a token made for one row, or for another address, opens nothing else.

const keys = new Map<string, Buffer>();

/** A 32-byte key per purpose, derived from AUTH_SECRET (read on first use, as the API servers read it). */
export function authSecretKey(purpose: string): Buffer {
  let key = keys.get(purpose);
  if (!key) {
    const { AUTH_SECRET } = createEnv({ AUTH_SECRET: secret("dev-only-auth-secret-change-me-in-production") });
    key = createHmac("sha256", AUTH_SECRET).update(`marquee-${purpose}.v1`).digest();
    keys.set(purpose, key);
  }
  return key;
}

const mac = (purpose: string, bound: readonly string[], expiresAtMs: number) =>
  createHmac("sha256", authSecretKey(purpose))
    .update(JSON.stringify([purpose, ...bound, expiresAtMs]))
    .digest();

export function signBoundToken(purpose: string, bound: readonly string[], expiresAt: Date): string {
  const expiresAtMs = expiresAt.getTime();
  return `v1.${expiresAtMs.toString(36)}.${mac(purpose, bound, expiresAtMs).toString("base64url")}`;
}

export type TBoundTokenCheck = { ok: true; expiresAt: Date } | { ok: false; reason: "INVALID" | "EXPIRED" };

const TOKEN = /^v1\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/;

/** Whether the token was signed for these values and has not expired (constant-time; expiry checked only once the signature holds). */
export function checkBoundToken(purpose: string, token: string | null | undefined, bound: readonly string[], now: Date): TBoundTokenCheck {
  const match = token ? TOKEN.exec(token) : null;
  if (!match) return { ok: false, reason: "INVALID" };
  const expiresAtMs = Number.parseInt(match[1]!, 36);
  // Compared as text: decoding would let other spellings of the last character pass as the same bytes.
  const expected = Buffer.from(mac(purpose, bound, expiresAtMs).toString("base64url"));
  const given = Buffer.from(match[2]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "INVALID" };
  if (expiresAtMs <= now.getTime()) return { ok: false, reason: "EXPIRED" };
  return { ok: true, expiresAt: new Date(expiresAtMs) };
}
