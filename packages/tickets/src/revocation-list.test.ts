import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRevocationList, encodeRevocationList, isTicketRevoked } from "./revocation-list.ts";

const generatedAt = new Date("2027-06-12T17:00:00Z");

describe("revocation list", () => {
  it("round-trips any set of ticket ids and answers membership", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uniqueArray(fc.uuid(), { maxLength: 60 }), fc.array(fc.uuid(), { maxLength: 20 }), (eventId, revoked, others) => {
        const list = decodeRevocationList(encodeRevocationList({ eventId, generatedAt, ticketIds: revoked }))!;
        expect(list.eventId).toBe(eventId.toLowerCase());
        expect(list.generatedAt).toEqual(generatedAt);
        expect(list.size).toBe(new Set(revoked.map((id) => id.toLowerCase())).size);
        expect(new Set(list.ticketIds())).toEqual(new Set(revoked.map((id) => id.toLowerCase())));
        for (const id of revoked) expect(list.has(id)).toBe(true);
        for (const id of others) expect(list.has(id)).toBe(revoked.some((entry) => entry.toLowerCase() === id.toLowerCase()));
      }),
    );
  });

  it("costs 16 bytes per ticket and drops duplicates", () => {
    const id = crypto.randomUUID();
    const ids = Array.from({ length: 1000 }, () => crypto.randomUUID());
    const text = encodeRevocationList({ eventId: crypto.randomUUID(), generatedAt, ticketIds: [...ids, id, id.toUpperCase()] });
    expect(Buffer.from(text, "base64url")).toHaveLength(25 + 16 * 1001);
    expect(decodeRevocationList(text)!.size).toBe(1001);
  });

  it("refuses malformed, truncated or unsorted lists", () => {
    const text = encodeRevocationList({ eventId: crypto.randomUUID(), generatedAt, ticketIds: [crypto.randomUUID(), crypto.randomUUID()] });
    const bytes = Buffer.from(text, "base64url");
    const swapped = Buffer.concat([bytes.subarray(0, 25), bytes.subarray(41, 57), bytes.subarray(25, 41)]);
    expect(decodeRevocationList(text)).not.toBeNull();
    expect(decodeRevocationList(swapped.toString("base64url"))).toBeNull();
    expect(decodeRevocationList(bytes.subarray(0, 50).toString("base64url"))).toBeNull();
    expect(decodeRevocationList("not base64!")).toBeNull();
    expect(decodeRevocationList("")).toBeNull();
  });

  it("is answered by isTicketRevoked for each accepted shape", () => {
    const id = crypto.randomUUID();
    expect(isTicketRevoked(undefined, id)).toBe(false);
    expect(isTicketRevoked([id.toUpperCase()], id)).toBe(true);
    expect(isTicketRevoked(new Set([id]), id.toUpperCase())).toBe(true);
    expect(isTicketRevoked(new Set([crypto.randomUUID()]), id)).toBe(false);
  });
});
