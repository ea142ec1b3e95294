// Geometry of a seat map for zooming on a phone: the seat pitch, each section's extent, which
// section a tap landed in, and the view that shows a section with seats big enough to tap.

import type { TView } from "~/components/seat-map/use-viewport.ts";

export interface TGeoSeat {
  id: string;
  sectionId: string;
  rowLabel: string;
  x: number;
  y: number;
}

export interface TBounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** A seat drawn at least this wide (CSS px) can be tapped; the zoom aims a little above. */
export const MIN_SEAT_PX = 24;
const TARGET_SEAT_PX = 28;
/** Hit areas aim at 44 CSS px, shrunk to the pitch so neighbours never overlap. */
export const HIT_PX = 44;

/** Smallest distance between neighbouring seats across and between rows (map units). */
export function seatPitch(seats: readonly TGeoSeat[]): { x: number; y: number } {
  const rows = new Map<string, TGeoSeat[]>();
  for (const seat of seats) {
    const key = `${seat.sectionId}\u0000${seat.rowLabel}`;
    rows.set(key, [...(rows.get(key) ?? []), seat]);
  }
  let x = Number.POSITIVE_INFINITY;
  for (const row of rows.values()) {
    const xs = row.map((seat) => seat.x).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) if (xs[i]! > xs[i - 1]!) x = Math.min(x, xs[i]! - xs[i - 1]!);
  }
  const ys = [...new Set([...rows.values()].map((row) => row[0]!.y))].sort((a, b) => a - b);
  let y = Number.POSITIVE_INFINITY;
  for (let i = 1; i < ys.length; i++) y = Math.min(y, ys[i]! - ys[i - 1]!);
  return { x: Number.isFinite(x) ? x : 20, y: Number.isFinite(y) ? y : 20 };
}

/** Each section's extent from its seats (row labels sit outside, so a margin is added). */
export function sectionBounds(seats: readonly TGeoSeat[], margin: number): Map<string, TBounds> {
  const bounds = new Map<string, TBounds>();
  for (const seat of seats) {
    const b = bounds.get(seat.sectionId);
    if (!b) bounds.set(seat.sectionId, { minX: seat.x, minY: seat.y, maxX: seat.x, maxY: seat.y });
    else Object.assign(b, { minX: Math.min(b.minX, seat.x), minY: Math.min(b.minY, seat.y), maxX: Math.max(b.maxX, seat.x), maxY: Math.max(b.maxY, seat.y) });
  }
  for (const b of bounds.values()) Object.assign(b, { minX: b.minX - margin, minY: b.minY - margin, maxX: b.maxX + margin, maxY: b.maxY + margin });
  return bounds;
}

/** The section a map point falls in, else the section of the nearest seat. */
export function sectionAt(point: { x: number; y: number }, bounds: ReadonlyMap<string, TBounds>, seats: readonly TGeoSeat[]): string | null {
  for (const [sectionId, b] of bounds) if (point.x >= b.minX && point.x <= b.maxX && point.y >= b.minY && point.y <= b.maxY) return sectionId;
  let best: TGeoSeat | null = null;
  for (const seat of seats) if (!best || Math.hypot(seat.x - point.x, seat.y - point.y) < Math.hypot(best.x - point.x, best.y - point.y)) best = seat;
  return best?.sectionId ?? null;
}

/**
 * The view of a section after a tap: the whole section if its seats are then big enough to tap,
 * else zoomed until they are, centred on the tapped point (kept inside the section).
 */
export function sectionView(input: {
  bounds: TBounds;
  tap: { x: number; y: number };
  seatDiameter: number;
  /** CSS px per map unit at scale 1. */
  pxPerUnitAtOne: number;
  map: { width: number; height: number };
  maxScale: number;
}): TView {
  const { bounds, tap, seatDiameter, pxPerUnitAtOne, map, maxScale } = input;
  const fit = Math.min(map.width / (bounds.maxX - bounds.minX), map.height / (bounds.maxY - bounds.minY));
  const tappable = pxPerUnitAtOne > 0 ? TARGET_SEAT_PX / seatDiameter / pxPerUnitAtOne : fit;
  const scale = Math.min(maxScale, Math.max(fit, tappable, 1.5));
  const halfW = map.width / scale / 2;
  const halfH = map.height / scale / 2;
  // Centre on the tap, but never show beyond the section when the section is larger than the view.
  const clampIn = (value: number, min: number, max: number, half: number) =>
    max - min <= 2 * half ? (min + max) / 2 : Math.min(max - half, Math.max(min + half, value));
  return { scale, cx: clampIn(tap.x, bounds.minX, bounds.maxX, halfW), cy: clampIn(tap.y, bounds.minY, bounds.maxY, halfH) };
}

/** Room kept around a map's content: the stage is drawn above it, names and row labels beside it. */
export const MAP_MARGIN = { side: 24, top: 70, bottom: 24 };

type TFitSeat = { x: number; y: number };
type TFitShape = { x: number; y: number; width: number; height: number } | { points: [number, number][] };

/**
 * The map moved and sized to its content (every seat and section outline, plus margins for the
 * stage above), so a small map fills the frame instead of sitting in a corner of a big canvas.
 */
export function fitMapToContent<TMap extends { width: number; height: number; seats: TFitSeat[]; sections: { shape: TFitShape | null }[] }>(map: TMap): TMap {
  const xs: number[] = [];
  const ys: number[] = [];
  const add = (x: number, y: number) => {
    xs.push(x);
    ys.push(y);
  };
  for (const seat of map.seats) add(seat.x, seat.y);
  for (const { shape } of map.sections) {
    if (shape && "points" in shape) for (const [x, y] of shape.points) add(x, y);
    else if (shape) {
      add(shape.x, shape.y);
      add(shape.x + shape.width, shape.y + shape.height);
    }
  }
  if (xs.length === 0) return map;
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const dx = MAP_MARGIN.side - minX;
  const dy = MAP_MARGIN.top - minY;
  const move = (shape: TFitShape | null): TFitShape | null =>
    !shape
      ? null
      : "points" in shape
        ? { points: shape.points.map(([x, y]): [number, number] => [x + dx, y + dy]) }
        : { ...shape, x: shape.x + dx, y: shape.y + dy };
  return {
    ...map,
    width: Math.ceil(Math.max(...xs) - minX + 2 * MAP_MARGIN.side),
    height: Math.ceil(Math.max(...ys) - minY + MAP_MARGIN.top + MAP_MARGIN.bottom),
    seats: map.seats.map((seat) => ({ ...seat, x: seat.x + dx, y: seat.y + dy })),
    sections: map.sections.map((section) => ({ ...section, shape: move(section.shape) })),
  };
}
