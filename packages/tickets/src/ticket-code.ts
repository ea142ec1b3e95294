import { decodeBase32, encodeBase32 } from "./base32.ts";
import { type Bytes, bytesToUuid, fromBase64Url, readUint32, toBase64Url, uuidToBytes, writeUint32 } from "./bytes.ts";

// Byte layout of a version 1 ticket code (README.md has the table):
//   version(1) flags(1) keyId(6) ticketId(16) eventId(16) ticketTypeId(16)
//   issuedAt(4) validFrom(4) validUntil(4) [seatId(16) if flags bit 0] signature(64)
// Times are uint32 big-endian Unix seconds. The signature covers SIGNING_CONTEXT || body.

export const TICKET_CODE_VERSION = 1;
const FLAG_SEAT = 0x01;
const KEY_ID_BYTES = 6; // keyId = 8 base64url characters = 48 bits
const FIXED_BODY_BYTES = 1 + 1 + KEY_ID_BYTES + 16 * 3 + 4 * 3; // 68
const SEAT_BYTES = 16;
export const SIGNATURE_BYTES = 64;

/** Longest code (with a seat): 148 bytes, 237 base32 characters; 212 without a seat. */
export const MAX_TICKET_CODE_LENGTH = Math.ceil(((FIXED_BODY_BYTES + SEAT_BYTES + SIGNATURE_BYTES) * 8) / 5);

// Domain separation: an event key signature over a ticket can never be replayed as a signature
// over anything else the key might sign later (and vice versa).
const SIGNING_CONTEXT = new TextEncoder().encode("marquee/ticket-code/v1\0");

export interface TicketClaims {
  ticketId: string;
  eventId: string;
  ticketTypeId: string;
  seatId: string | null;
  /** Admission is accepted from validFrom (inclusive) to validUntil (exclusive), whole seconds. */
  validFrom: Date;
  validUntil: Date;
  /** EventSigningKey.keyId of the key that signs this code. */
  keyId: string;
  issuedAt: Date;
}

const UINT32_MAX = 0xffff_ffff;

function toSeconds(date: Date, field: string): number {
  const seconds = Math.floor(date.getTime() / 1000);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > UINT32_MAX) throw new RangeError(`${field} is outside 1970..2106`);
  return seconds;
}

export function keyIdToBytes(keyId: string): Bytes {
  const bytes = /^[A-Za-z0-9_-]{8}$/.test(keyId) ? fromBase64Url(keyId) : null;
  if (!bytes || bytes.length !== KEY_ID_BYTES) throw new RangeError(`keyId must be 8 base64url characters, got ${keyId}`);
  return bytes;
}

/**
 * The unsigned body of a ticket code. Times are truncated to whole seconds; validUntil must be
 * after validFrom.
 */
export function encodeTicketCode(claims: TicketClaims): Bytes {
  const validFrom = toSeconds(claims.validFrom, "validFrom");
  const validUntil = toSeconds(claims.validUntil, "validUntil");
  if (validUntil <= validFrom) throw new RangeError("validUntil must be after validFrom");
  const body = new Uint8Array(FIXED_BODY_BYTES + (claims.seatId === null ? 0 : SEAT_BYTES));
  body[0] = TICKET_CODE_VERSION;
  body[1] = claims.seatId === null ? 0 : FLAG_SEAT;
  body.set(keyIdToBytes(claims.keyId), 2);
  body.set(uuidToBytes(claims.ticketId), 8);
  body.set(uuidToBytes(claims.eventId), 24);
  body.set(uuidToBytes(claims.ticketTypeId), 40);
  writeUint32(body, 56, toSeconds(claims.issuedAt, "issuedAt"));
  writeUint32(body, 60, validFrom);
  writeUint32(body, 64, validUntil);
  if (claims.seatId !== null) body.set(uuidToBytes(claims.seatId), FIXED_BODY_BYTES);
  return body;
}

/** The exact bytes the Ed25519 signature is computed over. */
export function ticketSigningMessage(body: Uint8Array): Bytes {
  const message = new Uint8Array(SIGNING_CONTEXT.length + body.length);
  message.set(SIGNING_CONTEXT, 0);
  message.set(body, SIGNING_CONTEXT.length);
  return message;
}

/** Joins a body and its 64-byte signature into the text printed in the QR code. */
export function assembleTicketCode(body: Uint8Array, signature: Uint8Array): string {
  if (signature.length !== SIGNATURE_BYTES) throw new RangeError("Ed25519 signatures are 64 bytes");
  const bytes = new Uint8Array(body.length + SIGNATURE_BYTES);
  bytes.set(body, 0);
  bytes.set(signature, body.length);
  return encodeBase32(bytes);
}

export interface ParsedTicketCode {
  /** Not yet trusted: only verifyTicketCode says whether the signature holds. */
  claims: TicketClaims;
  body: Bytes;
  signature: Bytes;
}

/** Reads a code's structure without checking its signature; null when it is not a v1 code. */
export function parseTicketCode(code: string): ParsedTicketCode | null {
  if (code.length > MAX_TICKET_CODE_LENGTH) return null;
  const bytes = decodeBase32(code);
  if (!bytes || bytes.length < FIXED_BODY_BYTES + SIGNATURE_BYTES) return null;
  if (bytes[0] !== TICKET_CODE_VERSION) return null;
  const flags = bytes[1]!;
  if ((flags & ~FLAG_SEAT) !== 0) return null;
  const bodyLength = FIXED_BODY_BYTES + (flags & FLAG_SEAT ? SEAT_BYTES : 0);
  if (bytes.length !== bodyLength + SIGNATURE_BYTES) return null;
  const validFrom = readUint32(bytes, 60);
  const validUntil = readUint32(bytes, 64);
  if (validUntil <= validFrom) return null;
  return {
    claims: {
      ticketId: bytesToUuid(bytes, 8),
      eventId: bytesToUuid(bytes, 24),
      ticketTypeId: bytesToUuid(bytes, 40),
      seatId: flags & FLAG_SEAT ? bytesToUuid(bytes, FIXED_BODY_BYTES) : null,
      validFrom: new Date(validFrom * 1000),
      validUntil: new Date(validUntil * 1000),
      keyId: toBase64Url(bytes.subarray(2, 8)),
      issuedAt: new Date(readUint32(bytes, 56) * 1000),
    },
    body: bytes.subarray(0, bodyLength),
    signature: bytes.subarray(bodyLength),
  };
}
