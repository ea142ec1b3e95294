import { randomUUID } from "node:crypto";
import { decryptSigningKey, generateSigningKey } from "@marquee/db/signing-key";
import { type TicketClaims } from "../ticket-code.ts";
import { type SigningKeyStatus, type TicketVerificationKey } from "../verify-ticket-code.ts";

const SECRET = "test-ticket-key-secret";

/** An event signing key made the way the server makes it (generate, store encrypted, decrypt). */
export function makeEventKey(status: SigningKeyStatus = "ACTIVE") {
  const stored = generateSigningKey(SECRET);
  const verification: TicketVerificationKey = { keyId: stored.keyId, publicKey: stored.publicKey, status };
  return { stored, privateKey: decryptSigningKey(stored.privateKeyEncrypted, SECRET), verification };
}

export const DOORS_OPEN = new Date("2027-06-12T18:00:00Z");
export const EVENT_ENDS = new Date("2027-06-13T02:00:00Z");

export function makeClaims(overrides: Partial<TicketClaims> & Pick<TicketClaims, "keyId">): TicketClaims {
  return {
    ticketId: randomUUID(),
    eventId: randomUUID(),
    ticketTypeId: randomUUID(),
    seatId: null,
    validFrom: DOORS_OPEN,
    validUntil: EVENT_ENDS,
    issuedAt: new Date("2027-03-01T10:15:00Z"),
    ...overrides,
  };
}
