"use client";

import type { TGeneratedMap } from "@marquee/api/services/seat-map/generate-seats";
import { type KeyboardEvent, type PointerEvent, useRef, useState } from "react";

const SEAT_RADIUS = 6;
const STEP = 10;

interface TCanvasProps {
  generated: TGeneratedMap;
  zoneColours: ReadonlyMap<string, string>;
  /** In "move" mode sections drag; otherwise a click on a seat paints it. */
  moving: boolean;
  onMoveSection(index: number, dx: number, dy: number): void;
  onSeat(target: { sectionIndex: number; row: string; seat: string }): void;
}

/**
 * The live preview: exactly the seats the save will write (the same generator), section outlines
 * with their names, zone colours, blocked (crossed) and accessible (ringed) seats. Sections are
 * buttons: drag them, or focus one and move it with the arrow keys (Shift: 5x).
 */
export function SeatMapCanvas({ generated, zoneColours, moving, onMoveSection, onSeat }: TCanvasProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ index: number; startX: number; startY: number; dx: number; dy: number } | null>(null);
  const scale = () => {
    const box = svgRef.current?.getBoundingClientRect();
    return box && box.width > 0 ? generated.width / box.width : 1;
  };

  const onPointerDown = (index: number) => (event: PointerEvent<SVGGElement>) => {
    if (!moving) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    setDrag({ index, startX: event.clientX, startY: event.clientY, dx: 0, dy: 0 });
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    const k = scale();
    setDrag({ ...drag, dx: Math.round((event.clientX - drag.startX) * k), dy: Math.round((event.clientY - drag.startY) * k) });
  };
  const endDrag = () => {
    if (drag && (drag.dx !== 0 || drag.dy !== 0)) onMoveSection(drag.index, drag.dx, drag.dy);
    setDrag(null);
  };
  const onSectionKey = (index: number) => (event: KeyboardEvent<SVGGElement>) => {
    const step = event.shiftKey ? STEP * 5 : STEP;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    onMoveSection(index, move[0], move[1]);
  };

  return (
    <svg
      ref={svgRef}
      className="seat-map-editor-canvas"
      viewBox={`0 0 ${generated.width} ${generated.height}`}
      role="group"
      aria-label="Seat map preview"
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      data-moving={moving}
    >
      {generated.sections.map((section, index) => {
        const offset = drag?.index === index ? `translate(${drag.dx} ${drag.dy})` : undefined;
        const shape = section.shape;
        const labelAt = "width" in shape ? { x: shape.x + 6, y: shape.y + 4, anchor: "start" as const } : polygonLabel(shape.points);
        return (
          <g key={index} transform={offset} data-section={section.name}>
            <g
              className="editor-section"
              role="button"
              tabIndex={moving ? 0 : -1}
              aria-label={`Section ${section.name}: drag or use the arrow keys to move it`}
              onPointerDown={onPointerDown(index)}
              onKeyDown={onSectionKey(index)}
            >
              {"width" in shape ? (
                <rect x={shape.x} y={shape.y} width={shape.width} height={shape.height} rx={6} />
              ) : (
                <polygon points={shape.points.map((point) => point.join(",")).join(" ")} />
              )}
              <text x={labelAt.x} y={labelAt.y} textAnchor={labelAt.anchor} dominantBaseline="hanging" className="editor-section-label">
                {section.name}
              </text>
            </g>
            <g aria-hidden="true">
              {section.rows.map((row) =>
                row.seats.map((seat) => (
                  <g
                    key={`${row.label}-${seat.label}`}
                    className="editor-seat"
                    data-seat={`${section.name}|${row.label}|${seat.label}`}
                    data-blocked={seat.blocked}
                    data-accessible={seat.accessible}
                    data-zone={seat.zone}
                    onClick={moving ? undefined : () => onSeat({ sectionIndex: index, row: row.label, seat: seat.label })}
                  >
                    <circle cx={seat.x} cy={seat.y} r={SEAT_RADIUS} fill={seat.blocked ? "#9ca3af" : (zoneColours.get(seat.zone) ?? "#6b7280")} />
                    {seat.blocked ? (
                      <path
                        d={`M${seat.x - 4} ${seat.y - 4}L${seat.x + 4} ${seat.y + 4}M${seat.x + 4} ${seat.y - 4}L${seat.x - 4} ${seat.y + 4}`}
                        className="editor-seat-x"
                      />
                    ) : null}
                    {seat.accessible ? <circle cx={seat.x} cy={seat.y} r={SEAT_RADIUS + 2.5} className="editor-seat-ring" /> : null}
                  </g>
                )),
              )}
              {section.rows.map((row) =>
                row.seats[0] ? (
                  <text
                    key={`row-${row.label}`}
                    x={Math.min(...row.seats.map((seat) => seat.x)) - 10}
                    y={row.seats[0].y}
                    className="editor-row-label"
                    textAnchor="end"
                    dominantBaseline="central"
                  >
                    {row.label}
                  </text>
                ) : null,
              )}
            </g>
          </g>
        );
      })}
    </svg>
  );
}

function polygonLabel(points: [number, number][]) {
  const xs = points.map((point) => point[0]);
  return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: Math.min(...points.map((point) => point[1])) + 4, anchor: "middle" as const };
}
