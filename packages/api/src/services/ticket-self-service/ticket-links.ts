import { createHmac, timingSafeEqual } from "node:crypto";
import { readTicketKeyEnv } from "../tickets/ticket-key-env.ts";

/** A transferred ticket's page on the web origin: `${TICKET_PAGE_PATH}/<token>`. */
export const TICKET_PAGE_PATH = "/tickets";
/** The link keeps working this long after the event ends (the recipient may look back). */
export const TICKET_LINK_GRACE_MS = 7 * 24 * 60 * 60 * 1_000;

let key: Buffer | undefined;

/**
 * A key of its own, derived from TICKET_KEY_SECRET (read on first use): the processes that issue and
 * show transferred tickets (the shop, the notification worker) have it already; no default in production.
 */
function signingKey(): Buffer {
  key ??= createHmac("sha256", readTicketKeyEnv().TICKET_KEY_SECRET).update("marquee-ticket-links.v1").digest();
  return key;
}

const mac = (payload: string) => createHmac("sha256", signingKey()).update(`marquee-ticket-link.v1.${payload}`).digest();

/**
 * The token of a ticket's page, like a pre-signed URL: whoever holds it sees that one ticket (its
 * QR code and PDF) until it expires, without an account. Bound to the ticket id; nothing stored.
 * `v1~<base64url JSON {t, x}>~<HMAC-SHA256>`: no dots, so the page's path has no "file extension"
 * (the site's language rewrite leaves such paths alone).
 */
export function ticketLinkToken(ticketId: string, expiresAt: Date): string {
  const payload = Buffer.from(JSON.stringify({ t: ticketId, x: expiresAt.getTime() })).toString("base64url");
  return `v1~${payload}~${mac(payload).toString("base64url")}`;
}

/** The page's path for a ticket of an event ending at `endsAt`. */
export const ticketPagePath = (ticketId: string, endsAt: Date) =>
  `${TICKET_PAGE_PATH}/${ticketLinkToken(ticketId, new Date(endsAt.getTime() + TICKET_LINK_GRACE_MS))}`;

export type TReadTicketLink = { ok: true; ticketId: string } | { ok: false; reason: "INVALID" | "EXPIRED" };

/** The ticket a token names, if its signature holds (compared in constant time) and it has not expired. */
export function readTicketLinkToken(token: string, now: Date): TReadTicketLink {
  const [version, payload, signature, ...rest] = token.split("~");
  if (version !== "v1" || !payload || !signature || rest.length > 0 || token.length > 512) return { ok: false, reason: "INVALID" };
  const expected = mac(payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "INVALID" };
  let body: { t?: unknown; x?: unknown };
  try {
    body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { t?: unknown; x?: unknown };
  } catch {
    return { ok: false, reason: "INVALID" };
  }
  if (typeof body.t !== "string" || typeof body.x !== "number") return { ok: false, reason: "INVALID" };
  if (body.x <= now.getTime()) return { ok: false, reason: "EXPIRED" };
  return { ok: true, ticketId: body.t };
}
