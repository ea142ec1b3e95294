"use client";

import { SEAT_RADIUS } from "~/components/seat-map/seat-glyph.tsx";
import type { TMapSeat, TSeatMap } from "~/components/seat-map/seat-model.ts";
import type { TView } from "~/components/seat-map/use-viewport.ts";

/** Row labels appear once seats are drawn at least this big (CSS px): on a phone, when zoomed. */
const ROW_LABELS_FROM_SEAT_PX = 14;

/**
 * What is drawn under the seats and hidden from assistive technology (each seat's name says its
 * section and row): the stage, the sections with their names, and row labels. Text is sized in
 * screen pixels, not map units, so section names stay readable on the overview; row labels show
 * once the map is zoomed in far enough, and stick to the visible left edge of the view.
 */
export function SeatMapDecor({
  map,
  rows,
  view,
  pxPerUnit,
  stageLabel,
}: {
  map: TSeatMap;
  /** The first seat of every row (leftmost). */
  rows: TMapSeat[];
  view: TView;
  pxPerUnit: number;
  stageLabel: string;
}) {
  const units = (px: number) => (pxPerUnit > 0 ? px / pxPerUnit : px);
  const firstSeatY = map.seats.reduce((min, seat) => Math.min(min, seat.y), Number.POSITIVE_INFINITY);
  const stageHeight = Math.min(40, firstSeatY - 50);
  const viewLeft = view.cx - map.width / view.scale / 2;
  const seatPx = SEAT_RADIUS * 2 * pxPerUnit;
  const sectionFont = Math.max(14, units(14));
  const rowFont = Math.max(8, units(13));
  return (
    <g aria-hidden="true" className="seat-map-decor">
      {stageHeight >= 16 ? (
        <>
          <rect x={map.width * 0.25} y={10} width={map.width * 0.5} height={stageHeight} rx={8} className="seat-map-stage" />
          <text
            x={map.width / 2}
            y={10 + stageHeight / 2}
            className="seat-map-stage-label"
            dominantBaseline="central"
            textAnchor="middle"
            fontSize={Math.max(18, units(13))}
          >
            {stageLabel}
          </text>
        </>
      ) : null}
      {map.sections.map((section) =>
        section.shape && "width" in section.shape ? (
          <g key={section.id}>
            <rect x={section.shape.x} y={section.shape.y} width={section.shape.width} height={section.shape.height} className="seat-map-section" rx={6} />
            <text
              x={Math.max(section.shape.x + 8, viewLeft + units(6))}
              y={section.shape.y + 4}
              className="seat-map-section-label"
              dominantBaseline="hanging"
              fontSize={sectionFont}
              data-section-label={section.name}
            >
              {section.name}
            </text>
          </g>
        ) : section.shape && "points" in section.shape ? (
          <g key={section.id}>
            <polygon points={section.shape.points.map((point) => point.join(",")).join(" ")} className="seat-map-section" />
            <text
              x={polygonLabelX(section.shape.points)}
              y={Math.min(...section.shape.points.map((point) => point[1])) + 4}
              className="seat-map-section-label"
              dominantBaseline="hanging"
              textAnchor="middle"
              fontSize={sectionFont}
              data-section-label={section.name}
            >
              {section.name}
            </text>
          </g>
        ) : null,
      )}
      {seatPx >= ROW_LABELS_FROM_SEAT_PX
        ? rows.map((seat) => (
            <text
              key={`row-${seat.id}`}
              x={Math.max(seat.x - SEAT_RADIUS - 5, viewLeft + units(4) + rowFont)}
              y={seat.y}
              className="seat-map-row-label"
              dominantBaseline="central"
              textAnchor="end"
              fontSize={rowFont}
              data-row-label={seat.rowLabel}
            >
              {seat.rowLabel}
            </text>
          ))
        : null}
    </g>
  );
}

/** A polygon's name is centred over it (curved bands are symmetric about their middle). */
function polygonLabelX(points: [number, number][]): number {
  const xs = points.map((point) => point[0]);
  return (Math.min(...xs) + Math.max(...xs)) / 2;
}
