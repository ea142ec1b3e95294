// "Best available" seat search, pure: no database, no Redis. The service (suggest-best-seats.ts)
// feeds it the map's seats and which of them are open to the buyer (free, in the chosen zone).

export interface TBestSeatCandidate {
  id: string;
  sectionId: string;
  rowLabel: string;
  x: number;
  y: number;
}

export interface TBestSeatsResult {
  /** In row order (left to right) when adjacent; empty when fewer than `count` seats are open. */
  seatIds: string[];
  /** True: one block of neighbouring seats in one row. False: the nearest open seats instead. */
  adjacent: boolean;
}

/** A gap wider than this many seat pitches between two seats of a row is an aisle: not adjacent. */
const AISLE_PITCHES = 1.6;

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

function rowsOf(seats: readonly TBestSeatCandidate[]): TBestSeatCandidate[][] {
  const rows = new Map<string, TBestSeatCandidate[]>();
  for (const seat of seats) {
    const key = `${seat.sectionId}\u0000${seat.rowLabel}`;
    const row = rows.get(key);
    if (row) row.push(seat);
    else rows.set(key, [seat]);
  }
  return [...rows.values()].map((row) => row.sort((a, b) => a.x - b.x || a.id.localeCompare(b.id)));
}

/** The row's seat pitch: the smallest positive step between neighbours (0 for a one-seat row). */
function pitchOf(row: readonly TBestSeatCandidate[]): number {
  let pitch = Number.POSITIVE_INFINITY;
  for (let i = 1; i < row.length; i++) {
    const step = row[i]!.x - row[i - 1]!.x;
    if (step > 0 && step < pitch) pitch = step;
  }
  return Number.isFinite(pitch) ? pitch : 0;
}

/**
 * The best `count` seats for a buyer: the block of `count` neighbouring open seats in one row
 * whose centre is closest to `focus` (the middle of the stage: front and centre win). Neighbours
 * are consecutive seats of the row (every seat of the map counts, so a taken seat or another
 * zone's seat between two open ones breaks the block, and so does an aisle). When no such block
 * exists, the open seats nearest to the open seat closest to `focus` (adjacent: false).
 * Ties go to the front row, then the left, then the seat id, so the answer is deterministic.
 */
export function findBestSeats(input: {
  /** Every seat of the map (open or not): adjacency is judged against all of them. */
  seats: readonly TBestSeatCandidate[];
  open: ReadonlySet<string>;
  count: number;
  focus: { x: number; y: number };
}): TBestSeatsResult {
  const { seats, open, count, focus } = input;
  const openSeats = seats.filter((seat) => open.has(seat.id));
  if (count < 1 || openSeats.length < count) return { seatIds: [], adjacent: false };

  let best: { seats: TBestSeatCandidate[]; score: number; y: number; x: number } | null = null;
  for (const row of rowsOf(seats)) {
    const maxStep = pitchOf(row) * AISLE_PITCHES;
    // run = how many open, unbroken seats end at index i.
    let run = 0;
    for (let i = 0; i < row.length; i++) {
      const seat = row[i]!;
      const joined = i > 0 && row[i]!.x - row[i - 1]!.x <= maxStep;
      run = open.has(seat.id) ? (joined ? run + 1 : 1) : 0;
      if (run < count) continue;
      const block = row.slice(i - count + 1, i + 1);
      const centre = { x: block.reduce((sum, s) => sum + s.x, 0) / count, y: block.reduce((sum, s) => sum + s.y, 0) / count };
      const score = distance(centre, focus);
      const better =
        !best ||
        score < best.score - 1e-9 ||
        (Math.abs(score - best.score) <= 1e-9 &&
          (centre.y < best.y || (centre.y === best.y && (centre.x < best.x || (centre.x === best.x && block[0]!.id < best.seats[0]!.id)))));
      if (better) best = { seats: block, score, y: centre.y, x: centre.x };
    }
  }
  if (best) return { seatIds: best.seats.map((seat) => seat.id), adjacent: true };

  // No block: the open seat closest to the focus, and the open seats nearest to it.
  const byFocus = [...openSeats].sort((a, b) => distance(a, focus) - distance(b, focus) || a.y - b.y || a.x - b.x || a.id.localeCompare(b.id));
  const anchor = byFocus[0]!;
  const nearest = [...openSeats]
    .sort((a, b) => distance(a, anchor) - distance(b, anchor) || distance(a, focus) - distance(b, focus) || a.id.localeCompare(b.id))
    .slice(0, count)
    .sort((a, b) => a.y - b.y || a.x - b.x);
  return { seatIds: nearest.map((seat) => seat.id), adjacent: false };
}
