import { describe, expect, it } from "vitest";
import { ticketValidity } from "./ticket-validity.ts";

describe("ticketValidity", () => {
  const startsAt = new Date("2027-03-01T19:00:00Z");
  const endsAt = new Date("2027-03-01T23:00:00Z");

  it("opens 6 h before the doors (or the start) and closes 6 h after the end", () => {
    expect(ticketValidity({ startsAt, endsAt, doorsAt: new Date("2027-03-01T18:00:00Z") })).toEqual({
      validFrom: new Date("2027-03-01T12:00:00Z"),
      validUntil: new Date("2027-03-02T05:00:00Z"),
    });
    expect(ticketValidity({ startsAt, endsAt, doorsAt: null })).toEqual({
      validFrom: new Date("2027-03-01T13:00:00Z"),
      validUntil: new Date("2027-03-02T05:00:00Z"),
    });
  });

  it("always gives a non-empty window", () => {
    const { validFrom, validUntil } = ticketValidity({ startsAt, endsAt: startsAt, doorsAt: new Date("2027-03-01T20:00:00Z") });
    expect(validUntil.getTime()).toBeGreaterThan(validFrom.getTime());
  });
});
