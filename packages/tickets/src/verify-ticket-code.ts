import { fromBase64Url } from "./bytes.ts";
import { isTicketRevoked, type RevokedTickets } from "./revocation-list.ts";
import { parseTicketCode, ticketSigningMessage, type TicketClaims } from "./ticket-code.ts";

// Offline verification for the check-in PWA and the server alike: WebCrypto Ed25519 only
// (globalThis.crypto.subtle, present in Node 20 and in current browsers), no node: imports.

export type SigningKeyStatus = "ACTIVE" | "VERIFY_ONLY" | "REVOKED";

export interface TicketVerificationKey {
  keyId: string;
  /** base64 of the raw 32-byte Ed25519 public key, as stored in EventSigningKey.publicKey. */
  publicKey: string;
  status: SigningKeyStatus;
}

export interface VerifyTicketCodeOptions {
  /** The event's keys; keys of other events may be included (their tickets then say WRONG_EVENT). */
  keys: readonly TicketVerificationKey[];
  revoked?: RevokedTickets;
  eventId: string;
  now: Date | number;
}

export type TicketRejectionReason = "MALFORMED" | "UNKNOWN_KEY" | "KEY_REVOKED" | "BAD_SIGNATURE" | "WRONG_EVENT" | "NOT_YET_VALID" | "EXPIRED" | "REVOKED";

export type TicketVerification = { ok: true; claims: TicketClaims } | { ok: false; reason: TicketRejectionReason };

const ED25519 = { name: "Ed25519" } as const;

// Imported keys by public key: importKey costs more than verify, and a scanner checks thousands
// of codes against the same few keys. Bounded so a long-lived process cannot grow it forever.
// The key type from the global WebCrypto itself, so consumers type-check with the DOM lib (browsers)
// or with @types/node alone (servers, workers).
type TVerifyKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

const importedKeys = new Map<string, Promise<TVerifyKey>>();
const MAX_IMPORTED_KEYS = 256;

function importPublicKey(publicKey: string): Promise<TVerifyKey> {
  let key = importedKeys.get(publicKey);
  if (!key) {
    const raw = fromBase64Url(publicKey);
    if (!raw || raw.length !== 32) throw new Error("Signing key publicKey must be base64 of 32 raw bytes");
    if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.clear();
    key = globalThis.crypto.subtle.importKey("raw", raw, ED25519, false, ["verify"]);
    importedKeys.set(publicKey, key);
    key.catch(() => importedKeys.delete(publicKey));
  }
  return key;
}

/**
 * Checks, in order: structure, key (known, not revoked), signature, then the signed claims
 * (event, validity window, revocation). Claims are only looked at once the signature holds.
 * Throws only on set-up faults: no WebCrypto Ed25519, a malformed key in `keys`, or a revocation
 * list for another event.
 */
export async function verifyTicketCode(code: string, options: VerifyTicketCodeOptions): Promise<TicketVerification> {
  const eventId = options.eventId.toLowerCase();
  // A list for another event would silently admit this event's revoked tickets.
  if (options.revoked && "eventId" in options.revoked && options.revoked.eventId !== eventId) {
    throw new Error(`Revocation list is for event ${options.revoked.eventId}, not ${eventId}`);
  }
  const parsed = parseTicketCode(code);
  if (!parsed) return { ok: false, reason: "MALFORMED" };
  const { claims, body, signature } = parsed;

  const key = options.keys.find((candidate) => candidate.keyId === claims.keyId);
  if (!key) return { ok: false, reason: "UNKNOWN_KEY" };
  if (key.status === "REVOKED") return { ok: false, reason: "KEY_REVOKED" };

  const cryptoKey = await importPublicKey(key.publicKey);
  const valid = await globalThis.crypto.subtle.verify(ED25519, cryptoKey, signature, ticketSigningMessage(body));
  if (!valid) return { ok: false, reason: "BAD_SIGNATURE" };

  if (claims.eventId !== eventId) return { ok: false, reason: "WRONG_EVENT" };
  const nowSeconds = Math.floor((typeof options.now === "number" ? options.now : options.now.getTime()) / 1000);
  if (nowSeconds < claims.validFrom.getTime() / 1000) return { ok: false, reason: "NOT_YET_VALID" };
  if (nowSeconds >= claims.validUntil.getTime() / 1000) return { ok: false, reason: "EXPIRED" };
  if (isTicketRevoked(options.revoked, claims.ticketId)) return { ok: false, reason: "REVOKED" };
  return { ok: true, claims };
}
