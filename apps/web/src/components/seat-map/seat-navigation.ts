// Keyboard moves between seats: seats are grouped into rows (section + row label), rows are
// ordered top to bottom and seats left to right, so arrow keys follow what the eye sees.

export interface TNavSeat {
  id: string;
  sectionId: string;
  rowLabel: string;
  x: number;
  y: number;
}

export interface TSeatGrid {
  rows: string[][];
  /** seatId → [row index, index in row] */
  where: Map<string, [number, number]>;
  x: Map<string, number>;
}

export function buildSeatGrid(seats: readonly TNavSeat[]): TSeatGrid {
  const byRow = new Map<string, TNavSeat[]>();
  for (const seat of seats) {
    const key = `${seat.sectionId}\u0000${seat.rowLabel}`;
    const row = byRow.get(key);
    if (row) row.push(seat);
    else byRow.set(key, [seat]);
  }
  const meanY = (row: TNavSeat[]) => row.reduce((sum, seat) => sum + seat.y, 0) / row.length;
  const rows = [...byRow.values()]
    .map((row) => ({ y: meanY(row), seats: row.sort((a, b) => a.x - b.x) }))
    .sort((a, b) => a.y - b.y || a.seats[0]!.x - b.seats[0]!.x)
    .map((row) => row.seats.map((seat) => seat.id));
  const where = new Map<string, [number, number]>();
  rows.forEach((row, r) => row.forEach((id, i) => where.set(id, [r, i])));
  return { rows, where, x: new Map(seats.map((seat) => [seat.id, seat.x])) };
}

export type TDirection = "left" | "right" | "up" | "down" | "home" | "end";

/** The seat a key leads to from `seatId` (the same seat at an edge). */
export function neighbourSeat(grid: TSeatGrid, seatId: string, direction: TDirection): string {
  const at = grid.where.get(seatId);
  if (!at) return grid.rows[0]?.[0] ?? seatId;
  const [r, i] = at;
  const row = grid.rows[r]!;
  switch (direction) {
    case "left":
      return row[Math.max(0, i - 1)]!;
    case "right":
      return row[Math.min(row.length - 1, i + 1)]!;
    case "home":
      return row[0]!;
    case "end":
      return row[row.length - 1]!;
    case "up":
    case "down": {
      const target = grid.rows[direction === "up" ? r - 1 : r + 1];
      if (!target) return seatId;
      // The seat straight above or below: closest in x.
      const x = grid.x.get(seatId) ?? 0;
      let best = target[0]!;
      for (const id of target) if (Math.abs((grid.x.get(id) ?? 0) - x) < Math.abs((grid.x.get(best) ?? 0) - x)) best = id;
      return best;
    }
  }
}

export const KEY_DIRECTIONS: Record<string, TDirection> = {
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "up",
  ArrowDown: "down",
  Home: "home",
  End: "end",
};
