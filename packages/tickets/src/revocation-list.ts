import { bytesToUuid, compareBytes, fromBase64Url, isUuid, readUint32, toBase64Url, uuidToBytes, writeUint32 } from "./bytes.ts";

// Revocation list shipped to scanners, base64url of:
//   version(1) eventId(16) generatedAt(4, uint32 Unix seconds) count(4) ticketIds(16 x count)
// Ticket ids are unique and sorted byte-wise, so membership is a binary search over the decoded
// bytes: no per-id objects, 16 bytes per revoked ticket in memory.

const VERSION = 1;
const HEADER_BYTES = 1 + 16 + 4 + 4;
const ID_BYTES = 16;

export interface RevocationList {
  eventId: string;
  generatedAt: Date;
  size: number;
  has(ticketId: string): boolean;
  ticketIds(): string[];
}

export interface RevocationListInput {
  eventId: string;
  generatedAt: Date;
  ticketIds: Iterable<string>;
}

export function encodeRevocationList(input: RevocationListInput): string {
  const ids = [...input.ticketIds].map(uuidToBytes).sort((a, b) => compareBytes(a, 0, b, 0, ID_BYTES));
  const unique = ids.filter((id, index) => index === 0 || compareBytes(id, 0, ids[index - 1]!, 0, ID_BYTES) !== 0);
  const bytes = new Uint8Array(HEADER_BYTES + unique.length * ID_BYTES);
  bytes[0] = VERSION;
  bytes.set(uuidToBytes(input.eventId), 1);
  writeUint32(bytes, 17, Math.floor(input.generatedAt.getTime() / 1000));
  writeUint32(bytes, 21, unique.length);
  unique.forEach((id, index) => bytes.set(id, HEADER_BYTES + index * ID_BYTES));
  return toBase64Url(bytes);
}

/** Null when the text is not a well-formed v1 list (wrong length, unsorted or duplicate ids). */
export function decodeRevocationList(text: string): RevocationList | null {
  const bytes = fromBase64Url(text);
  if (!bytes || bytes.length < HEADER_BYTES || bytes[0] !== VERSION) return null;
  const size = readUint32(bytes, 21);
  if (bytes.length !== HEADER_BYTES + size * ID_BYTES) return null;
  for (let i = 1; i < size; i++) {
    const offset = HEADER_BYTES + i * ID_BYTES;
    if (compareBytes(bytes, offset - ID_BYTES, bytes, offset, ID_BYTES) >= 0) return null;
  }
  return createRevocationList(bytes, size);
}

function createRevocationList(bytes: Uint8Array, size: number): RevocationList {
  return {
    eventId: bytesToUuid(bytes, 1),
    generatedAt: new Date(readUint32(bytes, 17) * 1000),
    size,
    has(ticketId) {
      if (!isUuid(ticketId)) return false;
      const needle = uuidToBytes(ticketId);
      let low = 0;
      let high = size - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const order = compareBytes(bytes, HEADER_BYTES + middle * ID_BYTES, needle, 0, ID_BYTES);
        if (order === 0) return true;
        if (order < 0) low = middle + 1;
        else high = middle - 1;
      }
      return false;
    },
    ticketIds() {
      return Array.from({ length: size }, (_, index) => bytesToUuid(bytes, HEADER_BYTES + index * ID_BYTES));
    },
  };
}

/** What verifyTicketCode accepts as the revoked tickets: a decoded list, a Set or an array of ids. */
export type RevokedTickets = RevocationList | ReadonlySet<string> | readonly string[];

export function isTicketRevoked(revoked: RevokedTickets | undefined, ticketId: string): boolean {
  if (!revoked) return false;
  // Ids from the database and from decoded codes are lower case; accept upper case input too.
  const id = ticketId.toLowerCase();
  if (Array.isArray(revoked)) return revoked.some((entry: string) => entry.toLowerCase() === id);
  const collection = revoked as ReadonlySet<string> | RevocationList;
  return collection.has(id) || collection.has(id.toUpperCase());
}
