"use client";

import { memo, type KeyboardEvent, type MouseEvent, type PointerEvent, useEffect, useMemo, useRef, useState } from "react";
import type { TLiveSeatState } from "~/components/event/use-live-availability.ts";
import { SEAT_RADIUS, SeatGlyph, type TSeatLook } from "~/components/seat-map/seat-glyph.tsx";
import { SeatMapDecor } from "~/components/seat-map/seat-map-decor.tsx";
import { MIN_SEAT_PX, sectionAt, sectionBounds, sectionView, seatPitch } from "~/components/seat-map/seat-map-geometry.ts";
import { type TMapSeat, type TSeatMap, type TSeatOffer, seatLook } from "~/components/seat-map/seat-model.ts";
import { KEY_DIRECTIONS, buildSeatGrid, neighbourSeat } from "~/components/seat-map/seat-navigation.ts";
import { SeatPopover } from "~/components/seat-map/seat-popover.tsx";
import { useViewport } from "~/components/seat-map/use-viewport.ts";
import { useI18n } from "~/i18n/provider.tsx";

interface TSeatMapProps {
  map: TSeatMap;
  offers: Map<string, TSeatOffer>;
  live: ReadonlyMap<string, TLiveSeatState>;
  selected: ReadonlySet<string>;
  /** Seats a "best available" search suggests (ringed until accepted or dismissed). */
  suggested: ReadonlySet<string>;
  /** Bring these seats into view (a new object each time it should happen). */
  showSeats: { seatIds: string[] } | null;
  /** Called for an available or selected seat the buyer activates. */
  onToggle(seatId: string): void;
  /** "Stalls, row C, seat 12" */
  seatName(seat: TMapSeat): string;
}

type TPopover = { seatId: string; via: "hover" | "focus" | "tap" } | null;

/**
 * The interactive seat map: an SVG whose seats are checkboxes with full accessible names. One
 * tab stop (roving tabindex): arrow keys, Home and End move between seats, Enter or Space
 * selects. On a phone the overview leaves touch to the page; a tap on a section zooms to it
 * (seats then big enough to tap), where drag and pinch move the map and "Whole map" goes back.
 * A popover tells seat, row, section, zone, price and state (hover, tap or focus).
 */
export function SeatMap({ map, offers, live, selected, suggested, showSeats, onToggle, seatName }: TSeatMapProps) {
  const { m, format } = useI18n();
  const svgRef = useRef<SVGSVGElement>(null);
  const viewport = useViewport(svgRef, map.width, map.height);
  const grid = useMemo(() => buildSeatGrid(map.seats), [map.seats]);
  const seatsById = useMemo(() => new Map(map.seats.map((seat) => [seat.id, seat])), [map.seats]);
  const sectionNames = useMemo(() => new Map(map.sections.map((section) => [section.id, section.name])), [map.sections]);
  const pitch = useMemo(() => seatPitch(map.seats), [map.seats]);
  const bounds = useMemo(() => sectionBounds(map.seats, Math.max(pitch.x, 24)), [map.seats, pitch]);
  const [popover, setPopover] = useState<TPopover>(null);
  const [zoomedSection, setZoomedSection] = useState<string | null>(null);

  const looks = useMemo(
    () => map.seats.map((seat) => seatLook(seat, offers.get(seat.priceZoneId), live.get(seat.id), selected.has(seat.id))),
    [map.seats, offers, live, selected],
  );
  const lookOf = useMemo(() => new Map(map.seats.map((seat, index) => [seat.id, looks[index]!])), [map.seats, looks]);
  const stateWord: Record<TSeatLook, string> = {
    available: m.event.stateAvailable,
    selected: m.event.stateSelected,
    held: m.event.stateHeld,
    sold: m.event.stateSold,
    blocked: m.event.stateBlocked,
  };

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

  const zoomToSection = (sectionId: string, tap: { x: number; y: number }) => {
    const b = bounds.get(sectionId);
    if (!b) return;
    setZoomedSection(sectionId);
    viewport.animateTo(
      sectionView({ bounds: b, tap, seatDiameter: SEAT_RADIUS * 2, pxPerUnitAtOne: viewport.pxPerUnitAt(1), map, maxScale: viewport.maxScale }),
    );
  };

  // A best-available suggestion: zoom to its seats (enough to tap them on a phone).
  const { animateTo, pxPerUnitAt, maxScale } = viewport;
  useEffect(() => {
    const seats = (showSeats?.seatIds ?? []).flatMap((id) => seatsById.get(id) ?? []);
    if (seats.length === 0) return;
    const box = {
      minX: Math.min(...seats.map((s) => s.x)),
      maxX: Math.max(...seats.map((s) => s.x)),
      minY: Math.min(...seats.map((s) => s.y)),
      maxY: Math.max(...seats.map((s) => s.y)),
    };
    const margin = Math.max(pitch.x, pitch.y) * 4;
    const centre = { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 };
    setZoomedSection(seats[0]!.sectionId);
    animateTo(
      sectionView({
        bounds: { minX: box.minX - margin, maxX: box.maxX + margin, minY: box.minY - margin, maxY: box.maxY + margin },
        tap: centre,
        seatDiameter: SEAT_RADIUS * 2,
        pxPerUnitAtOne: pxPerUnitAt(1),
        map,
        maxScale,
      }),
    );
    // Only when a new suggestion asks for it, not on every zoom frame.
  }, [showSeats]);

  useEffect(() => {
    if (!viewport.zoomed) setZoomedSection(null);
  }, [viewport.zoomed]);

  const seatIdOf = (target: EventTarget | null) =>
    target instanceof Element ? (target.closest("[data-seat-id]")?.getAttribute("data-seat-id") ?? null) : null;
  const activate = (seatId: string) => {
    const look = lookOf.get(seatId);
    if (look === "available" || look === "selected") onToggle(seatId);
  };

  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    if (viewport.wasDrag()) return;
    const touch = viewport.lastPointerType() !== "mouse";
    // On a phone, seats too small to tap: the tap picks the section to zoom to instead.
    if (touch && SEAT_RADIUS * 2 * viewport.pxPerUnit < MIN_SEAT_PX) {
      const point = viewport.toMapPoint(event.clientX, event.clientY);
      const sectionId = sectionAt(point, bounds, map.seats);
      if (sectionId) zoomToSection(sectionId, point);
      setPopover(null);
      return;
    }
    const seatId = seatIdOf(event.target);
    if (!seatId) {
      setPopover(null);
      return;
    }
    setFocusedId(seatId);
    activate(seatId);
    if (touch) setPopover({ seatId, via: "tap" });
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const seatId = seatIdOf(event.target);
    if (!seatId) return;
    const direction = KEY_DIRECTIONS[event.key];
    if (direction) {
      event.preventDefault();
      moveFocus.current = true;
      const next = neighbourSeat(grid, seatId, direction);
      setFocusedId(next);
      setPopover({ seatId: next, via: "focus" });
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      activate(seatId);
    } else if (event.key === "Escape") {
      setPopover(null);
    } else if (event.key === "+" || event.key === "=") {
      viewport.zoomIn();
    } else if (event.key === "-") {
      viewport.zoomOut();
    }
  };
  const onPointerOver = (event: PointerEvent<SVGSVGElement>) => {
    if (event.pointerType !== "mouse") return;
    const seatId = seatIdOf(event.target);
    if (seatId) setPopover({ seatId, via: "hover" });
    else setPopover((current) => (current?.via === "hover" ? null : current));
  };

  // Built once per state change, not on every pan or zoom frame.
  const seatElements = useMemo(
    () =>
      map.seats.map((seat, index) => {
        const look = looks[index]!;
        const offer = offers.get(seat.priceZoneId);
        const price = offer?.priceMinor != null ? format.price(offer.priceMinor, offer.currency) : m.event.priceNotOnSale;
        const name = [seatName(seat), ...(seat.accessible ? [m.event.wheelchair] : [])].join(", ");
        return (
          <Seat
            key={seat.id}
            seat={seat}
            look={look}
            color={offer?.color ?? "#6b7280"}
            label={m.event.seatAccessibleName(name, offer?.zoneName ?? "", price, stateWord[look])}
            tabbable={seat.id === tabSeatId}
            suggested={suggested.has(seat.id)}
            hit={pitch}
          />
        );
      }),
    // stateWord follows m.
    [map.seats, looks, offers, format, m, seatName, tabSeatId, suggested, pitch],
  );

  const rowStarts = useMemo(() => grid.rows.map((row) => seatsById.get(row[0]!)!).filter(Boolean), [grid, seatsById]);
  const popoverSeat = popover ? seatsById.get(popover.seatId) : undefined;
  const zoomedName = zoomedSection ? sectionNames.get(zoomedSection) : undefined;

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
          {m.seatMap.overview}
        </button>
      </div>
      <p id="seat-map-help" className="muted small">
        {m.seatMap.help}
      </p>
      <p className="visually-hidden" role="status">
        {zoomedName ? m.seatMap.zoomedTo(zoomedName) : ""}
      </p>
      <div className="seat-map-frame" data-zoomed={viewport.zoomed}>
        <svg
          id="seat-map-svg"
          ref={svgRef}
          className="seat-map-canvas"
          data-zoomed={viewport.zoomed}
          viewBox={viewport.viewBox}
          role="group"
          aria-label={m.event.seatMapLabel}
          aria-describedby="seat-map-help"
          style={{ aspectRatio: `${map.width} / ${map.height}` }}
          onClick={onClick}
          onKeyDown={onKeyDown}
          onPointerOver={onPointerOver}
          onPointerLeave={() => setPopover((current) => (current?.via === "hover" ? null : current))}
          onFocus={(event) => {
            const seatId = seatIdOf(event.target);
            if (!seatId) return;
            setFocusedId(seatId);
            setPopover((current) => (current?.seatId === seatId ? current : { seatId, via: "focus" }));
          }}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setPopover((current) => (current?.via === "focus" ? null : current));
          }}
          {...viewport.handlers}
        >
          <SeatMapDecor map={map} rows={rowStarts} view={viewport.view} pxPerUnit={viewport.pxPerUnit} stageLabel={m.event.stage} />
          {seatElements}
        </svg>
        {zoomedName ? (
          <p className="seat-map-caption" aria-hidden="true">
            {zoomedName}
          </p>
        ) : null}
        {popoverSeat && viewport.pxPerUnit > 0 ? (
          <SeatPopover
            seat={popoverSeat}
            sectionName={sectionNames.get(popoverSeat.sectionId) ?? ""}
            offer={offers.get(popoverSeat.priceZoneId)}
            state={stateWord[lookOf.get(popoverSeat.id) ?? "blocked"]}
            at={viewport.toBoxPoint(popoverSeat.x, popoverSeat.y - SEAT_RADIUS * 1.6)}
            frameWidth={viewport.box.width}
          />
        ) : null}
      </div>
    </div>
  );
}

const Seat = memo(function Seat({
  seat,
  look,
  color,
  label,
  tabbable,
  suggested,
  hit,
}: {
  seat: TMapSeat;
  look: TSeatLook;
  color: string;
  label: string;
  tabbable: boolean;
  suggested: boolean;
  /** The seat pitch: the whole cell is the tap target, as large as it can be without overlapping. */
  hit: { x: number; y: number };
}) {
  const open = look === "available" || look === "selected";
  return (
    <g
      role="checkbox"
      aria-checked={look === "selected"}
      aria-disabled={open ? undefined : true}
      aria-label={label}
      tabIndex={tabbable ? 0 : -1}
      data-seat-id={seat.id}
      className={`seat seat-${look}${suggested ? " seat-suggested" : ""}`}
    >
      <rect className="seat-hit" x={seat.x - hit.x / 2} y={seat.y - hit.y / 2} width={hit.x} height={hit.y} />
      <circle className="seat-focus" cx={seat.x} cy={seat.y} r={SEAT_RADIUS * 1.6} />
      <SeatGlyph look={look} color={color} x={seat.x} y={seat.y} accessible={seat.accessible} suggested={suggested} />
    </g>
  );
});
