import { MIN_SEAT_DISTANCE, SEAT_MAP_LIMITS, type TSeatMapDocument, type TSectionDraft } from "./seat-map-document.ts";

// The seats a document describes, exactly as they are saved and drawn (the console's preview runs
// this same function), plus what is wrong with it. Pure: no database, safe in the browser.

export interface TGeneratedSeat {
  label: string;
  x: number;
  y: number;
  zone: string;
  accessible: boolean;
  blocked: boolean;
}
export interface TGeneratedRow {
  label: string;
  seats: TGeneratedSeat[];
}
export type TSectionShape = { x: number; y: number; width: number; height: number } | { points: [number, number][] };
export interface TGeneratedSection {
  name: string;
  kind: "SEATED" | "STANDING";
  shape: TSectionShape;
  rows: TGeneratedRow[];
}
/** A problem, pointing at the section (index and name) and, where it applies, the row and seat. */
export interface TSeatMapIssue {
  sectionIndex: number | null;
  section: string | null;
  row: string | null;
  seat: string | null;
  message: string;
}
export interface TGeneratedMap {
  sections: TGeneratedSection[];
  seatCount: number;
  /** The canvas: every section with a margin, from the origin. */
  width: number;
  height: number;
  issues: TSeatMapIssue[];
}

const MAX_ISSUES = 50;
/** Room around a section's seats for its name (above) and row labels (left and right). */
const PAD = 14;
const LABEL_ROOM = 24;
/** Rows may bend at most this far round the stage on each side (radians). */
const MAX_HALF_ARC = 1.45;

const letters = (index: number): string =>
  index < 26 ? String.fromCharCode(65 + index) : String.fromCharCode(65 + Math.floor(index / 26) - 1) + String.fromCharCode(65 + (index % 26));
const letterIndex = (label: string): number => (label.length === 1 ? label.charCodeAt(0) - 65 : (label.charCodeAt(0) - 64) * 26 + (label.charCodeAt(1) - 65));

/** The label of the row `index` places behind the front row (null past "ZZ"). */
export function rowLabelAt(section: Pick<TSectionDraft, "rowLabels" | "firstRow">, index: number): string | null {
  if (section.rowLabels === "numbers") return String((Number.parseInt(section.firstRow, 10) || 0) + index);
  const start = /^[A-Z]{1,2}$/.test(section.firstRow) ? letterIndex(section.firstRow) : 0;
  return start + index < 26 * 27 ? letters(start + index) : null;
}

/** Seat labels of one row, in position order from the left. */
export function seatLabels(section: Pick<TSectionDraft, "seatsPerRow" | "numbering" | "firstSeat">): string[] {
  return Array.from({ length: section.seatsPerRow }, (_, position) =>
    String(section.firstSeat + (section.numbering === "ltr" ? position : section.seatsPerRow - 1 - position)),
  );
}

/** Horizontal offset (in seat pitches) of each position, aisles counted as one empty seat each. */
function positionSlots(section: TSectionDraft): number[] {
  const aisles = new Set(section.aisles.filter((after) => after < section.seatsPerRow));
  const slots: number[] = [];
  let gaps = 0;
  for (let position = 0; position < section.seatsPerRow; position++) {
    slots.push(position + gaps);
    if (aisles.has(position + 1)) gaps++;
  }
  return slots;
}

/** Where each seat of row `rowIndex` sits: straight rows, or arcs round a centre above the section. */
function rowPoints(section: TSectionDraft, rowIndex: number, slots: number[]): { x: number; y: number }[] {
  const span = slots.length ? slots[slots.length - 1]! : 0;
  const left = section.x + section.seatSpacing / 2;
  const frontY = section.y + section.rowSpacing / 2;
  if (section.curve === 0) return slots.map((slot) => ({ x: Math.round(left + slot * section.seatSpacing), y: frontY + rowIndex * section.rowSpacing }));
  const centreX = left + (span * section.seatSpacing) / 2;
  const centreY = frontY - section.curve;
  const radius = section.curve + rowIndex * section.rowSpacing;
  return slots.map((slot) => {
    const angle = ((slot - span / 2) * section.seatSpacing) / radius;
    return { x: Math.round(centreX + radius * Math.sin(angle)), y: Math.round(centreY + radius * Math.cos(angle)) };
  });
}

function sectionShape(section: TSectionDraft, rows: TGeneratedRow[]): TSectionShape {
  const seats = rows.flatMap((row) => row.seats);
  if (section.kind === "STANDING" || seats.length === 0)
    return { x: section.x, y: section.y, width: Math.max(section.width, 40), height: Math.max(section.height, 40) };
  const xs = seats.map((seat) => seat.x);
  const ys = seats.map((seat) => seat.y);
  const box = { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
  if (section.curve === 0) {
    return { x: box.minX - LABEL_ROOM, y: box.minY - LABEL_ROOM, width: box.maxX - box.minX + 2 * LABEL_ROOM, height: box.maxY - box.minY + LABEL_ROOM + PAD };
  }
  // A curved band: the front arc (shifted towards the stage, with room for the name) and the back arc.
  const front = rows[0]!.seats;
  const back = rows[rows.length - 1]!.seats;
  const outline = (seatsOfRow: TGeneratedSeat[], dy: number) => seatsOfRow.map((seat): [number, number] => [seat.x, seat.y + dy]);
  const frontLine = outline(front, -LABEL_ROOM);
  const backLine = outline(back, PAD).reverse();
  const [fl, fr] = [frontLine[0]!, frontLine[frontLine.length - 1]!];
  const [br, bl] = [backLine[0]!, backLine[backLine.length - 1]!];
  return {
    points: [[fl[0] - LABEL_ROOM, fl[1]], ...frontLine, [fr[0] + LABEL_ROOM, fr[1]], [br[0] + LABEL_ROOM, br[1]], ...backLine, [bl[0] - LABEL_ROOM, bl[1]]],
  };
}

/** The seats and outlines of every section, and every problem found (empty when it can be saved). */
export function generateSeatMap(document: TSeatMapDocument): TGeneratedMap {
  const issues: TSeatMapIssue[] = [];
  const issue = (sectionIndex: number | null, message: string, at: { row?: string; seat?: string } = {}) => {
    if (issues.length < MAX_ISSUES)
      issues.push({
        sectionIndex,
        section: sectionIndex === null ? null : document.sections[sectionIndex]!.name,
        row: at.row ?? null,
        seat: at.seat ?? null,
        message,
      });
  };

  const zoneNames = new Set<string>();
  for (const zone of document.priceZones) {
    if (zoneNames.has(zone.name.toLowerCase())) issue(null, `Price zone "${zone.name}" appears twice.`);
    zoneNames.add(zone.name.toLowerCase());
  }
  const hasZone = (name: string) => zoneNames.has(name.toLowerCase());
  const canonicalZone = new Map(document.priceZones.map((zone) => [zone.name.toLowerCase(), zone.name]));
  const sectionNames = new Set<string>();
  const seatKeys = new Set<string>();
  const sections: TGeneratedSection[] = [];
  let seatCount = 0;
  let markCount = 0;

  document.sections.forEach((section, sectionIndex) => {
    if (sectionNames.has(section.name.toLowerCase())) issue(sectionIndex, `Section name "${section.name}" is used twice.`);
    sectionNames.add(section.name.toLowerCase());
    if (!hasZone(section.zone)) issue(sectionIndex, `Price zone "${section.zone}" does not exist.`);
    const rowCount = section.kind === "STANDING" ? 0 : section.rows;
    if (section.kind === "SEATED" && (section.rows === 0 || section.seatsPerRow === 0))
      issue(sectionIndex, "A seated section needs at least one row and one seat per row.");
    for (const after of section.aisles)
      if (after >= section.seatsPerRow) issue(sectionIndex, `The aisle after seat position ${after} is past the end of the row.`);
    const slots = positionSlots(section);
    const labels = seatLabels(section);
    const span = slots.length ? slots[slots.length - 1]! * section.seatSpacing : 0;
    if (section.curve > 0 && span / 2 / section.curve > MAX_HALF_ARC)
      issue(sectionIndex, `The curve is too tight for rows this long: make the radius at least ${Math.ceil(span / 2 / MAX_HALF_ARC)}.`);

    const rows: TGeneratedRow[] = [];
    for (let rowIndex = 0; rowIndex < rowCount; rowIndex++) {
      const label = rowLabelAt(section, rowIndex);
      if (label === null) {
        issue(sectionIndex, "Too many rows for letter labels (the last is ZZ).");
        break;
      }
      const zone = section.rowZones[label] ?? section.zone;
      const points = rowPoints(section, rowIndex, slots);
      const seats = points.map((point, position) => ({
        label: labels[position]!,
        ...point,
        zone: canonicalZone.get(zone.toLowerCase()) ?? zone,
        accessible: false,
        blocked: false,
      }));
      for (const seat of seats) {
        const key = `${section.name.toLowerCase()}\u0000${label}\u0000${seat.label}`;
        if (seatKeys.has(key)) issue(sectionIndex, `Seat ${seat.label} in row ${label} appears twice.`, { row: label, seat: seat.label });
        seatKeys.add(key);
      }
      rows.push({ label, seats });
      seatCount += seats.length;
    }
    for (const [rowLabel, zone] of Object.entries(section.rowZones)) {
      if (!rows.some((row) => row.label === rowLabel)) issue(sectionIndex, `Row ${rowLabel} has a zone but does not exist.`, { row: rowLabel });
      if (!hasZone(zone)) issue(sectionIndex, `Price zone "${zone}" of row ${rowLabel} does not exist.`, { row: rowLabel });
    }
    for (const mark of section.marks) {
      markCount++;
      const seat = rows.find((row) => row.label === mark.row)?.seats.find((candidate) => candidate.label === mark.seat);
      if (!seat) {
        issue(sectionIndex, `Seat ${mark.seat} in row ${mark.row} is marked but does not exist.`, { row: mark.row, seat: mark.seat });
        continue;
      }
      if (mark.zone !== undefined) {
        if (!hasZone(mark.zone))
          issue(sectionIndex, `Price zone "${mark.zone}" of seat ${mark.row}${mark.seat} does not exist.`, { row: mark.row, seat: mark.seat });
        else seat.zone = canonicalZone.get(mark.zone.toLowerCase())!;
      }
      seat.accessible = mark.accessible ?? seat.accessible;
      seat.blocked = mark.blocked ?? seat.blocked;
    }
    sections.push({ name: section.name, kind: section.kind, shape: sectionShape(section, rows), rows });
  });

  if (seatCount > SEAT_MAP_LIMITS.seats) issue(null, `The map has ${seatCount} seats; at most ${SEAT_MAP_LIMITS.seats} are allowed.`);
  if (markCount > SEAT_MAP_LIMITS.marks) issue(null, `${markCount} seats are marked; at most ${SEAT_MAP_LIMITS.marks} are allowed.`);
  if (seatCount <= SEAT_MAP_LIMITS.seats) findOverlaps(sections, (sectionIndex, message, at) => issue(sectionIndex, message, at));

  const extent = sections.map((section) => shapeBounds(section.shape));
  const width = Math.max(200, ...extent.map((b) => Math.ceil(b.maxX + PAD)));
  const height = Math.max(200, ...extent.map((b) => Math.ceil(b.maxY + PAD)));
  return { sections, seatCount, width, height, issues };
}

export function shapeBounds(shape: TSectionShape): { minX: number; minY: number; maxX: number; maxY: number } {
  if ("width" in shape) return { minX: shape.x, minY: shape.y, maxX: shape.x + shape.width, maxY: shape.y + shape.height };
  const xs = shape.points.map((point) => point[0]);
  const ys = shape.points.map((point) => point[1]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/** Seats closer than a seat's width, found through a grid of cells one seat wide (linear time). */
function findOverlaps(sections: TGeneratedSection[], report: (sectionIndex: number, message: string, at: { row: string; seat: string }) => void): void {
  const cell = MIN_SEAT_DISTANCE;
  const grid = new Map<string, { sectionIndex: number; row: string; seat: TGeneratedSeat }[]>();
  let reported = 0;
  sections.forEach((section, sectionIndex) => {
    for (const row of section.rows) {
      for (const seat of row.seats) {
        const cx = Math.floor(seat.x / cell);
        const cy = Math.floor(seat.y / cell);
        for (let dx = -1; dx <= 1 && reported < 10; dx++) {
          for (let dy = -1; dy <= 1; dy++) {
            for (const other of grid.get(`${cx + dx}:${cy + dy}`) ?? []) {
              if (Math.hypot(other.seat.x - seat.x, other.seat.y - seat.y) >= MIN_SEAT_DISTANCE) continue;
              const where = `${sections[other.sectionIndex]!.name} row ${other.row} seat ${other.seat.label}`;
              report(sectionIndex, `Seat ${seat.label} in row ${row.label} overlaps ${where}.`, { row: row.label, seat: seat.label });
              reported++;
            }
          }
        }
        const key = `${cx}:${cy}`;
        grid.set(key, [...(grid.get(key) ?? []), { sectionIndex, row: row.label, seat }]);
      }
    }
  });
}
