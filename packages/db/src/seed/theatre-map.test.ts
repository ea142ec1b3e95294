import { describe, expect, it } from "vitest";
import { rowLabel, theatreSeats } from "./theatre-map.ts";

describe("demo theatre map", () => {
  it("has 2,000 distinct seats in three zones", () => {
    const seats = theatreSeats();
    expect(seats).toHaveLength(2000);
    expect(new Set(seats.map((seat) => `${seat.section}/${seat.row}/${seat.label}`)).size).toBe(2000);
    expect(new Set(seats.map((seat) => seat.zone))).toEqual(new Set(["Premium", "Standard", "Restricted view"]));
  });

  it("labels rows A..Z then AA..", () => {
    expect([rowLabel(0), rowLabel(25), rowLabel(26), rowLabel(27)]).toEqual(["A", "Z", "AA", "AB"]);
  });
});
