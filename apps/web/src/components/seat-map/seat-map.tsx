"use client";

import { memo, type KeyboardEvent, type MouseEvent, useEffect, useMemo, useRef, useState } from "react";
import type { TLiveSeatState } from "~/components/event/use-live-availability.ts";
import { SEAT_RADIUS, SeatGlyph, type TSeatLook } from "~/components/seat-map/seat-glyph.tsx";
import { type TMapSeat, type TSeatMap, type TSeatOffer, seatLook } from "~/components/seat-map/seat-model.ts";
import { KEY_DIRECTIONS, buildSeatGrid, neighbourSeat } from "~/components/seat-map/seat-navigation.ts";
import { useViewport } from "~/components/seat-map/use-viewport.ts";
import { useI18n } from "~/i18n/provider.tsx";

interface TSeatMapProps {
  map: TSeatMap;
  offers: Map<string, TSeatOffer>;
  live: ReadonlyMap<string, TLiveSeatState>;
  selected: ReadonlySet<string>;
  /** Called for an available or selected seat the buyer activates. */
  onToggle(seatId: string): void;
  /** "Stalls, row C, seat 12" */
  seatName(seat: TMapSeat): string;
}

/**
 * The interactive seat map: an SVG whose seats are checkboxes with full accessible names. One
 * tab stop (roving tabindex): arrow keys, Home and End move between seats, Enter or Space
 * selects. Zoom with the buttons, the wheel or a pinch; drag to pan.
 */
export function SeatMap({ map, offers, live, selected, onToggle, seatName }: TSeatMapProps) {
  const { m, format } = useI18n();
  const svgRef = useRef<SVGSVGElement>(null);
  const viewport = useViewport(svgRef, map.width, map.height);
  const grid = useMemo(() => buildSeatGrid(map.seats), [map.seats]);
  const seatsById = useMemo(() => new Map(map.seats.map((seat) => [seat.id, seat])), [map.seats]);

  const looks = useMemo(
    () => map.seats.map((seat) => seatLook(seat, offers.get(seat.priceZoneId), live.get(seat.id), selected.has(seat.id))),
    [map.seats, offers, live, selected],
  );

  // The one seat in the tab order: the one last focused, else the first selected or available.
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const firstOpen = map.seats.find((_, index) => looks[index] === "selected") ?? map.seats.find((_, index) => looks[index] === "available") ?? map.seats[0];
  const tabSeatId = focusedId && seatsById.has(focusedId) ? focusedId : (firstOpen?.id ?? null);
  const moveFocus = useRef(false);

  useEffect(() => {
    if (!moveFocus.current || !focusedId) return;
    moveFocus.current = false;
    svgRef.current?.querySelector<SVGGElement>(`[data-seat-id="${focusedId}"]`)?.focus({ preventScroll: true });
    const seat = seatsById.get(focusedId);
    if (seat) viewport.reveal(seat.x, seat.y);
  }, [focusedId, seatsById, viewport]);

  const seatIdOf = (target: EventTarget | null) =>
    target instanceof Element ? (target.closest("[data-seat-id]")?.getAttribute("data-seat-id") ?? null) : null;
  const activate = (seatId: string) => {
    const index = map.seats.findIndex((seat) => seat.id === seatId);
    if (looks[index] === "available" || looks[index] === "selected") onToggle(seatId);
  };

  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    if (viewport.wasDrag()) return;
    const seatId = seatIdOf(event.target);
    if (!seatId) return;
    setFocusedId(seatId);
    activate(seatId);
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const seatId = seatIdOf(event.target);
    if (!seatId) return;
    const direction = KEY_DIRECTIONS[event.key];
    if (direction) {
      event.preventDefault();
      moveFocus.current = true;
      setFocusedId(neighbourSeat(grid, seatId, direction));
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      activate(seatId);
    } else if (event.key === "+" || event.key === "=") {
      viewport.zoomIn();
    } else if (event.key === "-") {
      viewport.zoomOut();
    }
  };

  // Built once per state change, not on every pan or zoom frame.
  const seatElements = useMemo(
    () =>
      map.seats.map((seat, index) => {
        const look = looks[index]!;
        const offer = offers.get(seat.priceZoneId);
        const price = offer?.priceMinor != null ? format.price(offer.priceMinor, offer.currency) : m.event.priceNotOnSale;
        const name = [seatName(seat), ...(seat.accessible ? [m.event.wheelchair] : [])].join(", ");
        const stateWord: Record<TSeatLook, string> = {
          available: m.event.stateAvailable,
          selected: m.event.stateSelected,
          held: m.event.stateHeld,
          sold: m.event.stateSold,
          blocked: m.event.stateBlocked,
        };
        return (
          <Seat
            key={seat.id}
            seat={seat}
            look={look}
            color={offer?.color ?? "#6b7280"}
            label={m.event.seatAccessibleName(name, offer?.zoneName ?? "", price, stateWord[look])}
            tabbable={seat.id === tabSeatId}
          />
        );
      }),
    [map.seats, looks, offers, format, m, seatName, tabSeatId],
  );

  const firstSeatY = map.seats.reduce((min, seat) => Math.min(min, seat.y), Number.POSITIVE_INFINITY);
  const stageHeight = Math.min(40, firstSeatY - 50);
  const rowLabels = grid.rows.map((row) => seatsById.get(row[0]!)!).filter(Boolean);

  return (
    <div className="seat-map">
      <div className="seat-map-toolbar">
        <button type="button" className="button" onClick={viewport.zoomIn} disabled={!viewport.canZoomIn} aria-label={m.event.zoomIn}>
          <span aria-hidden="true">+</span>
        </button>
        <button type="button" className="button" onClick={viewport.zoomOut} disabled={!viewport.canZoomOut} aria-label={m.event.zoomOut}>
          <span aria-hidden="true">−</span>
        </button>
        <button type="button" className="button" onClick={viewport.reset} disabled={!viewport.canZoomOut}>
          {m.event.zoomReset}
        </button>
      </div>
      <p id="seat-map-help" className="muted small">
        {m.event.seatMapHelp}
      </p>
      <svg
        id="seat-map-svg"
        ref={svgRef}
        className="seat-map-canvas"
        viewBox={viewport.viewBox}
        role="group"
        aria-label={m.event.seatMapLabel}
        aria-describedby="seat-map-help"
        style={{ aspectRatio: `${map.width} / ${map.height}` }}
        onClick={onClick}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          const seatId = seatIdOf(event.target);
          if (seatId) setFocusedId(seatId);
        }}
        {...viewport.handlers}
      >
        <g aria-hidden="true" className="seat-map-decor">
          {stageHeight >= 16 ? (
            <>
              <rect x={map.width * 0.25} y={10} width={map.width * 0.5} height={stageHeight} rx={8} className="seat-map-stage" />
              <text x={map.width / 2} y={10 + stageHeight / 2} className="seat-map-stage-label" dominantBaseline="central" textAnchor="middle">
                {m.event.stage}
              </text>
            </>
          ) : null}
          {map.sections.map((section) =>
            section.shape && "width" in section.shape ? (
              <g key={section.id}>
                <rect x={section.shape.x} y={section.shape.y} width={section.shape.width} height={section.shape.height} className="seat-map-section" rx={6} />
                <text x={section.shape.x + 8} y={section.shape.y + 16} className="seat-map-section-label">
                  {section.name}
                </text>
              </g>
            ) : section.shape && "points" in section.shape ? (
              <polygon key={section.id} points={section.shape.points.map((point) => point.join(",")).join(" ")} className="seat-map-section" />
            ) : null,
          )}
          {rowLabels.map((seat) => (
            <text key={`row-${seat.id}`} x={seat.x - SEAT_RADIUS - 5} y={seat.y} className="seat-map-row-label" dominantBaseline="central" textAnchor="end">
              {seat.rowLabel}
            </text>
          ))}
        </g>
        {seatElements}
      </svg>
    </div>
  );
}

const Seat = memo(function Seat({ seat, look, color, label, tabbable }: { seat: TMapSeat; look: TSeatLook; color: string; label: string; tabbable: boolean }) {
  const open = look === "available" || look === "selected";
  return (
    <g
      role="checkbox"
      aria-checked={look === "selected"}
      aria-disabled={open ? undefined : true}
      aria-label={label}
      tabIndex={tabbable ? 0 : -1}
      data-seat-id={seat.id}
      className={`seat seat-${look}`}
    >
      <circle className="seat-focus" cx={seat.x} cy={seat.y} r={SEAT_RADIUS * 1.6} />
      <SeatGlyph look={look} color={color} x={seat.x} y={seat.y} accessible={seat.accessible} />
    </g>
  );
});
