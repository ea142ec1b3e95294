"use client";

import type { TMapSeat, TSeatOffer } from "~/components/seat-map/seat-model.ts";
import { useI18n } from "~/i18n/provider.tsx";

/** The buyer's seats beside the map, each with a remove button (the total is ContinueBar's, below). */
export function SelectedSeats({
  seats,
  offers,
  seatName,
  onRemove,
}: {
  seats: TMapSeat[];
  offers: Map<string, TSeatOffer>;
  seatName(seat: TMapSeat): string;
  onRemove(seatId: string): void;
}) {
  const { m, format } = useI18n();
  return (
    <section className="selected-seats" aria-labelledby="selected-seats-heading">
      <h3 id="selected-seats-heading">{m.event.yourSeats}</h3>
      {seats.length === 0 ? (
        <p className="muted">{m.event.noSeats}</p>
      ) : (
        <ul className="selected-seats-list">
          {seats.map((seat) => {
            const offer = offers.get(seat.priceZoneId);
            const name = seatName(seat);
            return (
              <li key={seat.id}>
                <span>
                  <span className="selected-seat-name">{name}</span>
                  <span className="muted small">
                    {offer?.zoneName}
                    {offer?.priceMinor != null ? ` · ${format.price(offer.priceMinor, offer.currency)}` : ""}
                  </span>
                </span>
                <button type="button" className="button button-small" onClick={() => onRemove(seat.id)} aria-label={m.event.removeSeat(name)}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
