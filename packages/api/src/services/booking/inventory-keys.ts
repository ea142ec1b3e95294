/**
 * Redis keys of one event's inventory. The {eventId} hash tag keeps them in one cluster slot, so
 * a Lua script may touch them all.
 */
export function inventoryKeys(prefix: string, eventId: string) {
  const base = `${prefix}:inv:{${eventId}}`;
  return {
    /** HASH ticketTypeId -> tickets still available (general admission only). */
    ga: `${base}:ga`,
    /** HASH seatId -> holdId (held), "S" (sold) or "B" (blocked); free seats are absent. */
    seats: `${base}:seats`,
    /** Present once the inventory was built from PostgreSQL; holds wait for it. */
    ready: `${base}:ready`,
    /** Availability version: bumped on every change, read by availability.get. */
    version: `${base}:version`,
    /** ZSET seatId -> version of its last change ('*': rebuilt at that version), for live availability. */
    changes: `${base}:changes`,
    /** Held only while a rebuild runs. */
    lock: `${base}:lock`,
    /** HASH of one hold's items ("ga:<typeId>" -> quantity, "seat:<seatId>" -> 1); deleted on release. */
    hold: (holdId: string) => `${base}:hold:${holdId}`,
  };
}

export type TInventoryKeys = ReturnType<typeof inventoryKeys>;

export const SEAT_SOLD = "S";
export const SEAT_BLOCKED = "B";
