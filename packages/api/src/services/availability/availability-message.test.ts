import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { availabilityMessage, MAX_MESSAGE_BYTES } from "./availability-message.ts";

const seatChanges = (count: number) => Array.from({ length: count }, (_, index) => [randomUUID(), index % 2 ? "F" : "H"]).flat();
const base = { eventId: randomUUID(), version: 7, previousVersion: 5, ga: ["b", "3", "a", "-2"], resync: false };

describe("availabilityMessage", () => {
  it("lists counts (never below 0, sorted) and each changed seat with its state", () => {
    const [first, second] = [randomUUID(), randomUUID()].sort();
    const message = availabilityMessage({ ...base, changes: [second!, "S", first!, "F"] });
    expect(message).toEqual({
      eventId: base.eventId,
      version: 7,
      previousVersion: 5,
      ticketTypes: [
        { ticketTypeId: "a", available: 0 },
        { ticketTypeId: "b", available: 3 },
      ],
      seats: {
        changed: [
          [first, "free"],
          [second, "sold"],
        ],
      },
    });
  });

  it("turns a seat diff that would pass 9 KB into a resync, keeping the counts and version", () => {
    expect("changed" in availabilityMessage({ ...base, changes: seatChanges(150) }).seats).toBe(true);
    const big = availabilityMessage({ ...base, changes: seatChanges(250) });
    expect(big.seats).toEqual({ resync: true });
    expect(big.version).toBe(7);
    expect(Buffer.byteLength(JSON.stringify(big))).toBeLessThan(MAX_MESSAGE_BYTES);
  });

  it("answers a resync when the script found nothing to diff against", () => {
    expect(availabilityMessage({ ...base, previousVersion: null, changes: [], resync: true }).seats).toEqual({ resync: true });
  });
});
