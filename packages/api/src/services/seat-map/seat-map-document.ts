import { z } from "zod";

// The seat map document: what the console editor edits, what import/export carry, and what the
// seats are generated from on save. Sections describe rows by count (no seat lists), so even a
// 20,000-seat map fits the 64 KB request cap; single seats are marked through `marks`.

export const SEAT_MAP_LIMITS = {
  seats: 20_000,
  sections: 100,
  zones: 20,
  rowsPerSection: 100,
  seatsPerRow: 200,
  aislesPerRow: 20,
  marks: 1_500,
  rowZones: 500,
  coordinate: 10_000,
  name: 80,
} as const;

/** Seat centres closer than this (layout units) overlap: a seat is drawn 12 units wide. */
export const MIN_SEAT_DISTANCE = 12;

const ZName = z.string().trim().min(1).max(SEAT_MAP_LIMITS.name);
const ZLabel = z.string().trim().min(1).max(8);
const ZCoordinate = z.number().int().min(0).max(SEAT_MAP_LIMITS.coordinate);

export const ZPriceZoneDraft = z.strictObject({
  name: z.string().trim().min(1).max(40),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "A colour is #rrggbb."),
});
export type TPriceZoneDraft = z.infer<typeof ZPriceZoneDraft>;

/** One seat marked differently from its section: another zone, accessible, blocked. */
export const ZSeatMark = z.strictObject({
  row: ZLabel,
  seat: ZLabel,
  zone: z.string().trim().min(1).max(40).optional(),
  accessible: z.boolean().optional(),
  blocked: z.boolean().optional(),
});
export type TSeatMark = z.infer<typeof ZSeatMark>;

export const ZSectionDraft = z.strictObject({
  name: ZName,
  kind: z.enum(["SEATED", "STANDING"]).default("SEATED"),
  /** Top-left corner of the section's seat block (or of a standing area). */
  x: ZCoordinate,
  y: ZCoordinate,
  rows: z.number().int().min(0).max(SEAT_MAP_LIMITS.rowsPerSection),
  seatsPerRow: z.number().int().min(0).max(SEAT_MAP_LIMITS.seatsPerRow),
  /** Row labels from the front (nearest the stage): letters A, B, … Z, AA … or numbers. */
  rowLabels: z.enum(["letters", "numbers"]).default("letters"),
  /** The front row's label: "A", "C", "1", "10". */
  firstRow: z
    .string()
    .trim()
    .regex(/^([A-Z]{1,2}|[0-9]{1,4})$/, "A first row is 1-2 capital letters or a number.")
    .default("A"),
  /** Seat numbers run left to right or right to left (seen from the stage-facing plan). */
  numbering: z.enum(["ltr", "rtl"]).default("ltr"),
  firstSeat: z.number().int().min(0).max(9_999).default(1),
  /** Aisles: a gap of one seat after this many seats from the left, in every row. */
  aisles: z.array(z.number().int().min(1).max(SEAT_MAP_LIMITS.seatsPerRow)).max(SEAT_MAP_LIMITS.aislesPerRow).default([]),
  /** 0: straight rows; else the front row's radius (rows curve around a stage above the section). */
  curve: z.number().int().min(0).max(5_000).default(0),
  seatSpacing: z.number().int().min(14).max(80).default(26),
  rowSpacing: z.number().int().min(14).max(80).default(20),
  /** A standing area's size (seated sections take their size from the seats). */
  width: z.number().int().min(0).max(SEAT_MAP_LIMITS.coordinate).default(0),
  height: z.number().int().min(0).max(SEAT_MAP_LIMITS.coordinate).default(0),
  /** The price zone of every seat not marked otherwise. */
  zone: z.string().trim().min(1).max(40),
  /** Whole rows in another zone, by row label. */
  rowZones: z.record(ZLabel, z.string().trim().min(1).max(40)).default({}),
  marks: z.array(ZSeatMark).max(SEAT_MAP_LIMITS.marks).default([]),
});
export type TSectionDraft = z.infer<typeof ZSectionDraft>;
/** What a caller may send (defaults filled in on parse). */
type TInputOf<TSchema extends z.ZodType> = z.input<TSchema>;
export type TSectionDraftInput = TInputOf<typeof ZSectionDraft>;

export const SEAT_MAP_FORMAT = "marquee.seat-map/1";

export const ZSeatMapDocument = z.strictObject({
  format: z.literal(SEAT_MAP_FORMAT).default(SEAT_MAP_FORMAT),
  name: ZName,
  priceZones: z.array(ZPriceZoneDraft).min(1, "Add at least one price zone.").max(SEAT_MAP_LIMITS.zones),
  sections: z.array(ZSectionDraft).min(1, "Add at least one section.").max(SEAT_MAP_LIMITS.sections),
});
export type TSeatMapDocument = z.infer<typeof ZSeatMapDocument>;
export type TSeatMapDocumentInput = TInputOf<typeof ZSeatMapDocument>;
