import { describe, expect, it } from "vitest";
import { type TBestSeatCandidate, findBestSeats } from "./find-best-seats.ts";

// A small hall: rows A (front) to C, seats 1-8 at a 26-unit pitch; the stage centre is above
// seats 4 and 5 of row A.
const PITCH = 26;
function hall(rows = ["A", "B", "C"], perRow = 8, options: { aisleAfter?: number } = {}): TBestSeatCandidate[] {
  return rows.flatMap((row, r) =>
    Array.from({ length: perRow }, (_, s) => ({
      id: `${row}${s + 1}`,
      sectionId: "stalls",
      rowLabel: row,
      x: 100 + s * PITCH + (options.aisleAfter !== undefined && s > options.aisleAfter ? PITCH * 2 : 0),
      y: 100 + r * 20,
    })),
  );
}
const focusOf = (seats: TBestSeatCandidate[]) => ({ x: (Math.min(...seats.map((s) => s.x)) + Math.max(...seats.map((s) => s.x))) / 2, y: 10 });
const allOpen = (seats: TBestSeatCandidate[], except: string[] = []) => new Set(seats.map((seat) => seat.id).filter((id) => !except.includes(id)));

describe("findBestSeats", () => {
  it("picks the centre of the front row when everything is free", () => {
    const seats = hall();
    expect(findBestSeats({ seats, open: allOpen(seats), count: 2, focus: focusOf(seats) })).toEqual({ seatIds: ["A4", "A5"], adjacent: true });
    expect(findBestSeats({ seats, open: allOpen(seats), count: 4, focus: focusOf(seats) })).toEqual({ seatIds: ["A3", "A4", "A5", "A6"], adjacent: true });
  });

  it("never spans a taken seat: moves along the row or back a row, whichever is closer to the stage", () => {
    const seats = hall();
    // A4 taken: A5-A6 (one pitch right of centre) beats B4-B5 (one row back, 20 units further).
    expect(findBestSeats({ seats, open: allOpen(seats, ["A4"]), count: 2, focus: focusOf(seats) })).toEqual({ seatIds: ["A5", "A6"], adjacent: true });
    // Only A1-A3 and A5-A8 are open in row A: a block of 6 must go to row B.
    expect(findBestSeats({ seats, open: allOpen(seats, ["A4"]), count: 6, focus: focusOf(seats) })).toEqual({
      seatIds: ["B2", "B3", "B4", "B5", "B6", "B7"],
      adjacent: true,
    });
  });

  it("counts only open seats (the zone's free seats) and never crosses an aisle", () => {
    const seats = hall(["A"], 8, { aisleAfter: 3 });
    // A1-A4 | aisle | A5-A8: four seats fit on either side, five do not fit anywhere.
    expect(findBestSeats({ seats, open: allOpen(seats), count: 4, focus: { x: 100 + 3.5 * PITCH + PITCH, y: 10 } })).toMatchObject({ adjacent: true });
    const five = findBestSeats({ seats, open: allOpen(seats), count: 5, focus: focusOf(seats) });
    expect(five.adjacent).toBe(false);
    expect(five.seatIds).toHaveLength(5);
  });

  it("falls back to the nearest open seats when no block exists, and says so", () => {
    const seats = hall();
    // A checkerboard: no two neighbours are open anywhere.
    const open = new Set(seats.filter((_, index) => index % 2 === 0).map((seat) => seat.id));
    const result = findBestSeats({ seats, open, count: 3, focus: focusOf(seats) });
    expect(result.adjacent).toBe(false);
    expect(result.seatIds).toHaveLength(3);
    for (const id of result.seatIds) expect(open.has(id)).toBe(true);
    // The anchor is the open seat nearest the stage centre; the others are its nearest open seats.
    expect(result.seatIds).toContain("A5");
    expect(new Set(result.seatIds).size).toBe(3);
  });

  it("answers nothing when fewer seats are open than asked for, or a count below one", () => {
    const seats = hall(["A"], 4);
    expect(findBestSeats({ seats, open: new Set(["A1", "A3"]), count: 3, focus: focusOf(seats) })).toEqual({ seatIds: [], adjacent: false });
    expect(findBestSeats({ seats, open: allOpen(seats), count: 0, focus: focusOf(seats) })).toEqual({ seatIds: [], adjacent: false });
  });

  it("breaks ties deterministically (front row, then left)", () => {
    const seats = hall(["A"], 4);
    // Focus exactly between A1-A2 and A3-A4 centres: equal scores, the left block wins.
    expect(findBestSeats({ seats, open: allOpen(seats, ["A2", "A3"]), count: 1, focus: { x: 100 + 1.5 * PITCH, y: 100 } }).seatIds).toEqual(["A1"]);
    const twoRows = hall(["A", "B"], 2);
    expect(findBestSeats({ seats: twoRows, open: allOpen(twoRows), count: 2, focus: { x: 113, y: 110 } }).seatIds).toEqual(["A1", "A2"]);
  });
});
