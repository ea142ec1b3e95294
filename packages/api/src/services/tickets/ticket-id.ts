import { randomBytes } from "node:crypto";

/**
 * A UUIDv7 (RFC 9562), as Prisma's `@default(uuid(7))` makes. Ticket ids are chosen before the
 * insert because the signed code carries the id.
 */
export function newTicketId(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from the database as UUIDs; anything else cannot name a row (and PostgreSQL would refuse the cast). */
export const isUuid = (value: string): boolean => UUID.test(value);
