// The demo theatre: three tiers, three price zones, 2,000 seats laid out on a 1200 x 1000 canvas.

export interface TierSpec {
  section: string;
  rows: number;
  seatsPerRow: number;
  top: number;
  /** Which price zone a row falls in, by row index from the stage. */
  zoneFor(rowIndex: number, seatIndex: number, seatsPerRow: number): "Premium" | "Standard" | "Restricted view";
}

export const PRICE_ZONES = [
  { name: "Premium", color: "#b45309", sortOrder: 0 },
  { name: "Standard", color: "#4f46e5", sortOrder: 1 },
  { name: "Restricted view", color: "#64748b", sortOrder: 2 },
] as const;

export const THEATRE_TIERS: TierSpec[] = [
  { section: "Stalls", rows: 20, seatsPerRow: 40, top: 120, zoneFor: (row) => (row < 8 ? "Premium" : "Standard") },
  { section: "Circle", rows: 16, seatsPerRow: 35, top: 480, zoneFor: (row) => (row < 4 ? "Premium" : "Standard") },
  {
    section: "Balcony",
    rows: 16,
    seatsPerRow: 40,
    top: 760,
    // The outermost three seats on each side sit behind the pillars.
    zoneFor: (_row, seat, perRow) => (seat < 3 || seat >= perRow - 3 ? "Restricted view" : "Standard"),
  },
];

export const rowLabel = (index: number): string =>
  index < 26 ? String.fromCharCode(65 + index) : String.fromCharCode(65 + Math.floor(index / 26) - 1) + String.fromCharCode(65 + (index % 26));

export interface SeatSpec {
  section: string;
  row: string;
  rowIndex: number;
  label: string;
  x: number;
  y: number;
  zone: string;
  accessible: boolean;
}

export function theatreSeats(): SeatSpec[] {
  const seats: SeatSpec[] = [];
  for (const tier of THEATRE_TIERS) {
    for (let r = 0; r < tier.rows; r++) {
      const rowWidth = tier.seatsPerRow * 26;
      const left = (1200 - rowWidth) / 2;
      for (let s = 0; s < tier.seatsPerRow; s++) {
        seats.push({
          section: tier.section,
          row: rowLabel(r),
          rowIndex: r,
          label: String(s + 1),
          x: Math.round(left + s * 26 + 13),
          y: tier.top + r * 16,
          zone: tier.zoneFor(r, s, tier.seatsPerRow),
          accessible: tier.section === "Stalls" && r === tier.rows - 1 && (s < 2 || s >= tier.seatsPerRow - 2),
        });
      }
    }
  }
  return seats;
}
