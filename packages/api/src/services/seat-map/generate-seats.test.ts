import { describe, expect, it } from "vitest";
import { generateSeatMap, rowLabelAt, seatLabels } from "./generate-seats.ts";
import { type TSectionDraftInput, ZSeatMapDocument } from "./seat-map-document.ts";

const zones = [
  { name: "Premium", color: "#b45309" },
  { name: "Standard", color: "#4f46e5" },
];
const doc = (...sections: TSectionDraftInput[]) => ZSeatMapDocument.parse({ name: "Test hall", priceZones: zones, sections });
const section = (overrides: Partial<TSectionDraftInput> = {}): TSectionDraftInput => ({
  name: "Stalls",
  x: 100,
  y: 100,
  rows: 2,
  seatsPerRow: 4,
  zone: "Standard",
  ...overrides,
});
const row = (map: ReturnType<typeof generateSeatMap>, sectionIndex: number, rowIndex: number) => map.sections[sectionIndex]!.rows[rowIndex]!;

describe("generateSeatMap", () => {
  it("numbers rows from the front and seats left to right from the start number", () => {
    const map = generateSeatMap(doc(section({ firstRow: "C", firstSeat: 11 })));
    expect(map.issues).toEqual([]);
    expect(map.seatCount).toBe(8);
    expect(map.sections[0]!.rows.map((r) => r.label)).toEqual(["C", "D"]);
    expect(row(map, 0, 0).seats.map((seat) => seat.label)).toEqual(["11", "12", "13", "14"]);
    // Seat centres: half a pitch in from the block's corner, one pitch apart.
    expect(row(map, 0, 0).seats.map((seat) => [seat.x, seat.y])).toEqual([
      [113, 110],
      [139, 110],
      [165, 110],
      [191, 110],
    ]);
    expect(row(map, 0, 1).seats[0]).toMatchObject({ x: 113, y: 130 });
  });

  it("numbers right to left and labels rows with numbers", () => {
    const map = generateSeatMap(doc(section({ numbering: "rtl", rowLabels: "numbers", firstRow: "5" })));
    expect(map.sections[0]!.rows.map((r) => r.label)).toEqual(["5", "6"]);
    const seats = row(map, 0, 0).seats;
    expect(seats.map((seat) => seat.label)).toEqual(["4", "3", "2", "1"]);
    expect(seats[0]!.x).toBeLessThan(seats[3]!.x);
  });

  it("continues letters past Z and stops at ZZ", () => {
    expect([rowLabelAt({ rowLabels: "letters", firstRow: "Y" }, 0), rowLabelAt({ rowLabels: "letters", firstRow: "Y" }, 2)]).toEqual(["Y", "AA"]);
    expect(rowLabelAt({ rowLabels: "letters", firstRow: "ZZ" }, 1)).toBeNull();
    expect(seatLabels({ seatsPerRow: 3, numbering: "rtl", firstSeat: 1 })).toEqual(["3", "2", "1"]);
  });

  it("leaves a one-seat gap at each aisle without skipping a number", () => {
    const map = generateSeatMap(doc(section({ seatsPerRow: 6, aisles: [2, 4] })));
    const seats = row(map, 0, 0).seats;
    expect(seats.map((seat) => seat.label)).toEqual(["1", "2", "3", "4", "5", "6"]);
    const gaps = seats.slice(1).map((seat, index) => seat.x - seats[index]!.x);
    expect(gaps).toEqual([26, 52, 26, 52, 26]);
  });

  it("curves rows round a centre above the section: the ends rise, the middle is furthest from the stage", () => {
    const map = generateSeatMap(doc(section({ seatsPerRow: 9, curve: 200 })));
    expect(map.issues).toEqual([]);
    const front = row(map, 0, 0).seats;
    expect(front[4]!.y).toBe(110);
    expect(front[0]!.y).toBeLessThan(front[4]!.y);
    expect(front[0]!.y).toBe(front[8]!.y);
    // Symmetric about the middle seat, one pitch of arc apart.
    expect(front[4]!.x - front[0]!.x).toBe(front[8]!.x - front[4]!.x);
    expect(Math.hypot(front[1]!.x - front[0]!.x, front[1]!.y - front[0]!.y)).toBeGreaterThan(24);
    expect("points" in map.sections[0]!.shape).toBe(true);
  });

  it("refuses a curve too tight for the row", () => {
    const map = generateSeatMap(doc(section({ seatsPerRow: 40, curve: 100 })));
    expect(map.issues.map((issue) => issue.message)).toContainEqual(expect.stringMatching(/curve is too tight/));
  });

  it("reports duplicate section names and the seats they duplicate, pointing at the section and row", () => {
    const map = generateSeatMap(doc(section(), section({ x: 600 })));
    expect(map.issues[0]).toMatchObject({ sectionIndex: 1, section: "Stalls", message: 'Section name "Stalls" is used twice.' });
    expect(map.issues).toContainEqual(expect.objectContaining({ sectionIndex: 1, row: "A", seat: "1", message: "Seat 1 in row A appears twice." }));
  });

  it("reports overlapping seats of two sections", () => {
    const map = generateSeatMap(doc(section(), section({ name: "Circle", x: 105 })));
    expect(map.issues[0]).toMatchObject({ sectionIndex: 1, section: "Circle", row: "A", seat: "1" });
    expect(map.issues[0]!.message).toMatch(/overlaps Stalls row A seat 1/);
  });

  it("puts every seat in an existing zone: rows and single seats can differ, unknown zones are refused", () => {
    const map = generateSeatMap(
      doc(
        section({
          rowZones: { A: "Premium" },
          marks: [
            { row: "B", seat: "2", zone: "premium", blocked: true },
            { row: "B", seat: "3", accessible: true },
          ],
        }),
      ),
    );
    expect(map.issues).toEqual([]);
    expect(row(map, 0, 0).seats.every((seat) => seat.zone === "Premium")).toBe(true);
    expect(row(map, 0, 1).seats.map((seat) => [seat.zone, seat.blocked, seat.accessible])).toEqual([
      ["Standard", false, false],
      ["Premium", true, false],
      ["Standard", false, true],
      ["Standard", false, false],
    ]);
    const bad = generateSeatMap(doc(section({ zone: "Gold", marks: [{ row: "Q", seat: "1", blocked: true }] })));
    expect(bad.issues.map((issue) => issue.message)).toEqual(['Price zone "Gold" does not exist.', "Seat 1 in row Q is marked but does not exist."]);
  });

  it("refuses more than 20,000 seats and sizes the canvas to the sections", () => {
    const sections = Array.from({ length: 3 }, (_, index) => section({ name: `S${index}`, y: index * 2_100, rows: 100, seatsPerRow: 70 }));
    expect(generateSeatMap(doc(...sections)).issues.map((issue) => issue.message)).toContain("The map has 21000 seats; at most 20000 are allowed.");
    const small = generateSeatMap(doc(section()));
    expect(small.width).toBeLessThan(400);
    expect(small.height).toBeLessThan(400);
  });
});
