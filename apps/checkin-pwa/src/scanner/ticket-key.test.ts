import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ticketKeyOf, uuidOfTicketKey } from "./ticket-key.ts";

describe("ticketKeyOf", () => {
  it("packs a UUID in 22 characters and back, for any id", () => {
    for (const uuid of [randomUUID(), randomUUID(), "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"]) {
      const key = ticketKeyOf(uuid);
      expect(key).toMatch(/^[\w-]{22}$/);
      expect(uuidOfTicketKey(key)).toBe(uuid);
    }
  });

  it("reads upper-case ids as the same ticket", () => {
    const uuid = randomUUID();
    expect(ticketKeyOf(uuid.toUpperCase())).toBe(ticketKeyOf(uuid));
  });
});
