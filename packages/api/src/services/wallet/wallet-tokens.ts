import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createEnv, secret } from "@marquee/config/env";

/** Where the web app serves wallet downloads and Apple's PassKit web service. */
export const WALLET_PATH = "/api/wallet";
/** A pass download: `${WALLET_PASS_PATH}/<signed token>`. */
export const WALLET_PASS_PATH = `${WALLET_PATH}/passes`;
/** Apple's web service root (the pass's webServiceURL); Apple appends `/v1/...`. */
export const APPLE_WEB_SERVICE_PATH = `${WALLET_PATH}/apple`;
/** How long a pass download link handed to a buyer works. */
export const WALLET_LINK_TTL_MS = 60 * 60 * 1_000;

let key: Buffer | undefined;

/** A key of its own, derived from AUTH_SECRET (read on first use, as the API servers read it). */
function walletKey(): Buffer {
  key ??= createHmac("sha256", createEnv({ AUTH_SECRET: secret("dev-only-auth-secret-change-me-in-production") }).AUTH_SECRET)
    .update("marquee-wallet.v1")
    .digest();
  return key;
}

const mac = (purpose: string, payload: string) => createHmac("sha256", walletKey()).update(`marquee-wallet.${purpose}.${payload}`).digest();

/** A signed, expiring path that downloads one ticket's Apple pass: `v1.<base64url {t, x}>.<HMAC-SHA256>`. */
export function walletPassLink(ticketId: string, expiresAt: Date): string {
  const payload = Buffer.from(JSON.stringify({ t: ticketId, x: expiresAt.getTime() })).toString("base64url");
  return `${WALLET_PASS_PATH}/v1.${payload}.${mac("link", payload).toString("base64url")}`;
}

export type TReadWalletLink = { ok: true; ticketId: string } | { ok: false; reason: "INVALID" | "EXPIRED" };

/** The ticket a download token names, if its signature holds and it has not expired. */
export function readWalletPassLink(token: string, now: Date): TReadWalletLink {
  const [version, payload, signature, ...rest] = token.split(".");
  if (version !== "v1" || !payload || !signature || rest.length > 0 || token.length > 512) return { ok: false, reason: "INVALID" };
  const expected = mac("link", payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "INVALID" };
  const body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { t?: unknown; x?: unknown };
  if (typeof body.t !== "string" || typeof body.x !== "number") return { ok: false, reason: "INVALID" };
  if (body.x <= now.getTime()) return { ok: false, reason: "EXPIRED" };
  return { ok: true, ticketId: body.t };
}

/**
 * The pass's authenticationToken for Apple's web service. HMAC-derived from the ticket id, so a
 * pass downloaded again carries the same token as the one already on a phone; only its hash is
 * stored (WalletPass.authTokenHash), and changing AUTH_SECRET retires every token.
 */
export const passAuthToken = (ticketId: string): string => mac("auth", ticketId).toString("base64url");

export const hashPassAuthToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

/** Constant-time check of a presented token against the stored hash. */
export function passAuthTokenMatches(presented: string, storedHash: string): boolean {
  const given = Buffer.from(hashPassAuthToken(presented), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
