import type { TSeatMapDocument, TSectionDraft } from "@marquee/api/services/seat-map/seat-map-document";

// The editor's edits as pure functions over the document: what the canvas and the forms change.

/** What a click on a seat does. */
export type TBrush = { kind: "move" } | { kind: "blocked" } | { kind: "accessible" } | { kind: "zone"; zone: string };

export const ZONE_COLOURS = ["#4f46e5", "#b45309", "#047857", "#be185d", "#0369a1", "#6d28d9", "#b91c1c", "#4d7c0f"];

export function newSection(document: TSeatMapDocument): TSectionDraft {
  let index = document.sections.length + 1;
  while (document.sections.some((section) => section.name === `Section ${index}`)) index++;
  const bottom = Math.max(40, ...document.sections.map((section) => section.y + section.rows * section.rowSpacing + 60));
  return {
    name: `Section ${index}`,
    kind: "SEATED",
    x: 40,
    y: Math.min(bottom, 9_000),
    rows: 4,
    seatsPerRow: 10,
    rowLabels: "letters",
    firstRow: "A",
    numbering: "ltr",
    firstSeat: 1,
    aisles: [],
    curve: 0,
    seatSpacing: 26,
    rowSpacing: 20,
    width: 0,
    height: 0,
    zone: document.priceZones[0]?.name ?? "Standard",
    rowZones: {},
    marks: [],
  };
}

export function newDocument(): TSeatMapDocument {
  const document: TSeatMapDocument = {
    format: "marquee.seat-map/1",
    name: "New seat map",
    priceZones: [{ name: "Standard", color: ZONE_COLOURS[0]! }],
    sections: [],
  };
  return { ...document, sections: [{ ...newSection(document), name: "Stalls", y: 80, rows: 5 }] };
}

/** Applies the brush to one seat (or, with `wholeRow`, to every seat of its row). */
export function paintSeat(
  section: TSectionDraft,
  target: { row: string; seat: string; rowSeats: string[] },
  brush: TBrush,
  wholeRow: boolean,
  current: { blocked: boolean; accessible: boolean; zone: string },
): TSectionDraft {
  if (brush.kind === "move") return section;
  if (brush.kind === "zone" && wholeRow) {
    const rowZones = { ...section.rowZones };
    if (brush.zone === section.zone) delete rowZones[target.row];
    else rowZones[target.row] = brush.zone;
    // Single-seat zone marks in that row give way to the row's zone.
    const marks = section.marks.flatMap((mark) => (mark.row === target.row && mark.zone !== undefined ? clean({ ...mark, zone: undefined }) : [mark]));
    return { ...section, rowZones, marks };
  }
  const seats = wholeRow ? target.rowSeats : [target.seat];
  let marks = section.marks;
  for (const seat of seats) {
    const existing = marks.find((mark) => mark.row === target.row && mark.seat === seat) ?? { row: target.row, seat };
    const rowZone = section.rowZones[target.row] ?? section.zone;
    const next =
      brush.kind === "blocked"
        ? { ...existing, blocked: !current.blocked || undefined }
        : brush.kind === "accessible"
          ? { ...existing, accessible: !current.accessible || undefined }
          : { ...existing, zone: brush.zone === rowZone ? undefined : brush.zone };
    marks = [...marks.filter((mark) => mark !== existing), ...clean(next)];
  }
  return { ...section, marks };
}

/** A mark that marks nothing is dropped (keeps exported documents small). */
function clean(mark: TSectionDraft["marks"][number]): TSectionDraft["marks"] {
  const kept = {
    row: mark.row,
    seat: mark.seat,
    ...(mark.zone !== undefined ? { zone: mark.zone } : {}),
    ...(mark.blocked ? { blocked: true } : {}),
    ...(mark.accessible ? { accessible: true } : {}),
  };
  return Object.keys(kept).length > 2 ? [kept] : [];
}

/** Renames a zone everywhere it is used. */
export function renameZone(document: TSeatMapDocument, from: string, to: string): TSeatMapDocument {
  const swap = (zone: string) => (zone === from ? to : zone);
  return {
    ...document,
    priceZones: document.priceZones.map((zone) => (zone.name === from ? { ...zone, name: to } : zone)),
    sections: document.sections.map((section) => ({
      ...section,
      zone: swap(section.zone),
      rowZones: Object.fromEntries(Object.entries(section.rowZones).map(([row, zone]) => [row, swap(zone)])),
      marks: section.marks.map((mark) => (mark.zone === undefined ? mark : { ...mark, zone: swap(mark.zone) })),
    })),
  };
}

/** "3, 7" -> [3, 7]; anything not a positive whole number is dropped. */
export const parseAisles = (text: string): number[] =>
  [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map(Number)
        .filter((value) => Number.isInteger(value) && value > 0),
    ),
  ].sort((a, b) => a - b);
