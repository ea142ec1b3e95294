"use client";

import type { TMapSeat, TSeatOffer } from "~/components/seat-map/seat-model.ts";
import { useI18n } from "~/i18n/provider.tsx";

/** Its width, for keeping it inside the map (CSS caps it at the frame's width). */
const POPOVER_WIDTH_PX = 240;

/**
 * The card over a seat (hover with a mouse, tap on a phone, keyboard focus): section, row, seat,
 * zone, price and state. Hidden from assistive technology: the seat's own accessible name says
 * the same, so a screen reader hears it once. Placed above the seat, or below near the top, and
 * kept inside the frame so it never widens the page.
 */
export function SeatPopover({
  seat,
  sectionName,
  offer,
  state,
  at,
  frameWidth,
}: {
  seat: TMapSeat;
  sectionName: string;
  offer: TSeatOffer | undefined;
  state: string;
  /** The seat's centre in CSS px from the frame's top left corner. */
  at: { left: number; top: number };
  frameWidth: number;
}) {
  const { m, format } = useI18n();
  const half = Math.min(POPOVER_WIDTH_PX, frameWidth - 8) / 2;
  const left = Math.min(Math.max(at.left, half + 4), frameWidth - half - 4);
  const below = at.top < 130;
  const price = offer?.priceMinor != null ? format.price(offer.priceMinor, offer.currency) : m.event.priceNotOnSale;
  return (
    <div className={`seat-popover${below ? " seat-popover-below" : ""}`} style={{ left, top: at.top }} aria-hidden="true" data-testid="seat-popover">
      <p className="seat-popover-title">{sectionName}</p>
      <p>
        {m.seatMap.row(seat.rowLabel)} · {m.seatMap.seat(seat.label)}
      </p>
      <p className="seat-popover-zone">
        <span className="seat-popover-swatch" style={{ background: offer?.color ?? "#6b7280" }} />
        {offer?.zoneName ?? ""} · <strong>{price}</strong>
      </p>
      <p className="seat-popover-state">{state}</p>
    </div>
  );
}
