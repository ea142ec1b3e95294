import { describe, expect, it } from "vitest";
import { documentFromLayout, type TLayoutSection } from "./document-from-layout.ts";
import { generateSeatMap } from "./generate-seats.ts";
import { ZSeatMapDocument } from "./seat-map-document.ts";

const zones = [
  { name: "Premium", color: "#b45309" },
  { name: "Standard", color: "#4f46e5" },
  { name: "Restricted view", color: "#64748b" },
];

/** The seed theatre's kind of layout: straight rows 26 apart, rows 16 apart, zones by row and by seat. */
const theatre = ZSeatMapDocument.parse({
  name: "Riverside Hall — theatre layout",
  priceZones: zones,
  sections: [
    { name: "Stalls", x: 80, y: 112, rows: 6, seatsPerRow: 40, seatSpacing: 26, rowSpacing: 16, zone: "Standard", rowZones: { A: "Premium", B: "Premium" } },
    {
      name: "Balcony",
      x: 80,
      y: 300,
      rows: 4,
      seatsPerRow: 40,
      seatSpacing: 26,
      rowSpacing: 16,
      zone: "Standard",
      marks: [
        { row: "A", seat: "1", zone: "Restricted view" },
        { row: "D", seat: "40", zone: "Restricted view", accessible: true },
      ],
    },
  ],
});

const layoutOf = (document: typeof theatre): TLayoutSection[] =>
  generateSeatMap(document).sections.map((section) => ({ name: section.name, kind: section.kind, rows: section.rows }));

describe("documentFromLayout", () => {
  it("recovers a document that generates exactly the same seats", () => {
    const recovered = documentFromLayout(theatre.name, zones, layoutOf(theatre));
    expect(recovered).not.toBeNull();
    expect(layoutOf(recovered!)).toEqual(layoutOf(theatre));
    expect(recovered!.sections[0]).toMatchObject({
      rows: 6,
      seatsPerRow: 40,
      seatSpacing: 26,
      rowSpacing: 16,
      zone: "Standard",
      rowZones: { A: "Premium", B: "Premium" },
    });
  });

  it("answers null for a layout the editor does not draw (an irregular row)", () => {
    const layout = layoutOf(theatre);
    layout[0]!.rows[2]!.seats[5]!.x += 7;
    expect(documentFromLayout(theatre.name, zones, layout)).toBeNull();
  });
});
