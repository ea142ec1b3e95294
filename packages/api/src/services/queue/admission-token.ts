import { createHmac, timingSafeEqual } from "node:crypto";
import { createEnv, type EnvSource, secret } from "@marquee/config/env";

/** What an admission token grants: one hold on one event, for one cart, until `expiresAt`. */
export interface TAdmissionClaims {
  queueTicketId: string;
  eventId: string;
  cartId: string;
  expiresAt: Date;
}

let key: Buffer | undefined;

/** ADMISSION_TOKEN_SECRET; its development default never applies in production. */
export const readAdmissionTokenEnv = (source?: EnvSource) =>
  createEnv({ ADMISSION_TOKEN_SECRET: secret("dev-only-admission-token-secret-change-me", source) }, source);

/** The signing key, read on first use (the API servers and the booking worker both sign). */
function signingKey(): Buffer {
  key ??= Buffer.from(readAdmissionTokenEnv().ADMISSION_TOKEN_SECRET);
  return key;
}

/** Reads ADMISSION_TOKEN_SECRET now, so a server or worker without it stops at start-up (ConfigError). */
export function checkAdmissionTokenConfig(): void {
  signingKey();
}

const mac = (payload: string) => createHmac("sha256", signingKey()).update(`marquee-admission.v1.${payload}`).digest();

/**
 * `v1.<payload>.<signature>`: the payload is base64url JSON of the claims, the signature an
 * HMAC-SHA256 under ADMISSION_TOKEN_SECRET. The same claims always give the same token, so the
 * status poll and the `admitted` push hand out one token per admission.
 */
export function signAdmissionToken(claims: TAdmissionClaims): string {
  const payload = Buffer.from(JSON.stringify({ q: claims.queueTicketId, e: claims.eventId, c: claims.cartId, x: claims.expiresAt.getTime() })).toString(
    "base64url",
  );
  return `v1.${payload}.${mac(payload).toString("base64url")}`;
}

/** The claims of a well-formed token with a valid signature, or null (expiry is the caller's check). */
export function readAdmissionToken(token: string): TAdmissionClaims | null {
  const [version, payload, signature, ...rest] = token.split(".");
  if (version !== "v1" || !payload || !signature || rest.length > 0 || token.length > 512) return null;
  const expected = mac(payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { q?: unknown; e?: unknown; c?: unknown; x?: unknown };
    if (typeof body.q !== "string" || typeof body.e !== "string" || typeof body.c !== "string" || typeof body.x !== "number") return null;
    return { queueTicketId: body.q, eventId: body.e, cartId: body.c, expiresAt: new Date(body.x) };
  } catch {
    return null;
  }
}
