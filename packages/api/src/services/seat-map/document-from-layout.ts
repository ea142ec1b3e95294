import { generateSeatMap, rowLabelAt } from "./generate-seats.ts";
import { SEAT_MAP_FORMAT, type TSeatMapDocument, type TSectionDraft, ZSeatMapDocument } from "./seat-map-document.ts";

// Maps made before the editor (the seed's theatre) have seats but no document. When their seats
// are a regular grid the editor could have drawn, this recovers that document, checked by
// generating it again and comparing every seat; otherwise the map stays read-only (null).

export interface TLayoutSeat {
  label: string;
  x: number;
  y: number;
  zone: string;
  accessible: boolean;
  blocked: boolean;
}
export interface TLayoutSection {
  name: string;
  kind: "SEATED" | "STANDING";
  rows: { label: string; seats: TLayoutSeat[] }[];
}

const mostCommon = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
};

function sectionDraft(section: TLayoutSection): TSectionDraft | null {
  const rows = section.rows.map((row) => ({ ...row, seats: [...row.seats].sort((a, b) => a.x - b.x) }));
  const first = rows[0]?.seats;
  if (section.kind !== "SEATED" || !first || first.length < 2 || rows.length > 100) return null;
  const seatSpacing = first[1]!.x - first[0]!.x;
  const rowSpacing = rows.length > 1 ? rows[1]!.seats[0]!.y - first[0]!.y : 20;
  const numbers = first.map((seat) => Number(seat.label));
  const numbering = numbers[1]! > numbers[0]! ? "ltr" : "rtl";
  const zone = mostCommon(rows.flatMap((row) => row.seats.map((seat) => seat.zone)))!;
  const rowZones: Record<string, string> = {};
  const marks: TSectionDraft["marks"] = [];
  for (const row of rows) {
    const rowZone = mostCommon(row.seats.map((seat) => seat.zone))!;
    if (rowZone !== zone) rowZones[row.label] = rowZone;
    for (const seat of row.seats) {
      const mark = {
        row: row.label,
        seat: seat.label,
        ...(seat.zone !== rowZone ? { zone: seat.zone } : {}),
        ...(seat.accessible ? { accessible: true } : {}),
        ...(seat.blocked ? { blocked: true } : {}),
      };
      if (Object.keys(mark).length > 2) marks.push(mark);
    }
  }
  const rowLabels = /^\d+$/.test(rows[0]!.label) ? "numbers" : "letters";
  const draft = ZSeatMapDocument.shape.sections.element.safeParse({
    name: section.name,
    x: first[0]!.x - seatSpacing / 2,
    y: first[0]!.y - rowSpacing / 2,
    rows: rows.length,
    seatsPerRow: first.length,
    rowLabels,
    firstRow: rows[0]!.label,
    numbering,
    firstSeat: Math.min(...numbers),
    seatSpacing,
    rowSpacing,
    zone,
    rowZones,
    marks,
  });
  if (!draft.success || rows.some((row, index) => row.label !== rowLabelAt(draft.data, index))) return null;
  return draft.data;
}

/** The document that generates exactly these seats, or null when the layout is not one the editor draws. */
export function documentFromLayout(name: string, zones: { name: string; color: string }[], sections: TLayoutSection[]): TSeatMapDocument | null {
  const drafts = sections.map(sectionDraft);
  if (drafts.some((draft) => draft === null)) return null;
  const document = ZSeatMapDocument.safeParse({ format: SEAT_MAP_FORMAT, name: name.slice(0, 80), priceZones: zones, sections: drafts });
  if (!document.success) return null;
  const generated = generateSeatMap(document.data);
  if (generated.issues.length) return null;
  const key = (section: string, row: string, seat: TLayoutSeat) =>
    JSON.stringify([section, row, seat.label, seat.x, seat.y, seat.zone, seat.accessible, seat.blocked]);
  const want = new Set(sections.flatMap((section) => section.rows.flatMap((row) => row.seats.map((seat) => key(section.name, row.label, seat)))));
  const got = generated.sections.flatMap((section) => section.rows.flatMap((row) => row.seats.map((seat) => key(section.name, row.label, seat))));
  return got.length === want.size && got.every((entry) => want.has(entry)) ? document.data : null;
}
