import { createHash, createPublicKey, sign, type KeyObject } from "node:crypto";
import { assembleTicketCode, encodeTicketCode, ticketSigningMessage, type TicketClaims } from "./ticket-code.ts";

// Server side only (node:crypto): exported as @marquee/tickets/sign so the check-in PWA, which
// imports @marquee/tickets, never pulls node:crypto into its bundle.

/** keyId as EventSigningKey stores it: first 8 characters of base64url(sha256(raw public key)). */
const keyIds = new WeakMap<KeyObject, string>();

export function signingKeyId(key: KeyObject): string {
  let keyId = keyIds.get(key);
  if (keyId === undefined) {
    const rawPublic = createPublicKey(key).export({ format: "der", type: "spki" }).subarray(-32);
    keyId = createHash("sha256").update(rawPublic).digest("base64url").slice(0, 8);
    keyIds.set(key, keyId);
  }
  return keyId;
}

/**
 * Signs claims with the event's Ed25519 private key (from decryptSigningKey) and returns the QR
 * text. Refuses claims whose keyId names a different key: such a code could never verify.
 */
export function signTicketCode(claims: TicketClaims, privateKey: KeyObject): string {
  if (privateKey.asymmetricKeyType !== "ed25519") throw new TypeError("Ticket codes are signed with Ed25519 keys");
  const keyId = signingKeyId(privateKey);
  if (claims.keyId !== keyId) throw new Error(`claims.keyId ${claims.keyId} does not match the private key (${keyId})`);
  const body = encodeTicketCode(claims);
  return assembleTicketCode(body, sign(null, ticketSigningMessage(body), privateKey));
}
