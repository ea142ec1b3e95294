"use client";

import { SeatGlyph, type TSeatLook } from "~/components/seat-map/seat-glyph.tsx";
import type { TSeatOffer } from "~/components/seat-map/seat-model.ts";
import { useI18n } from "~/i18n/provider.tsx";

function Swatch({ look, color, accessible = false }: { look: TSeatLook; color: string; accessible?: boolean }) {
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <SeatGlyph look={look} color={color} x={10} y={10} r={7} accessible={accessible} />
    </svg>
  );
}

/** What the shapes and colours of the map mean, and the price of each zone. */
export function SeatLegend({ offers }: { offers: Map<string, TSeatOffer> }) {
  const { m, format } = useI18n();
  const states: [TSeatLook, string][] = [
    ["available", m.event.legendAvailable],
    ["selected", m.event.legendSelected],
    ["held", m.event.legendHeld],
    ["sold", m.event.legendSold],
    ["blocked", m.event.legendBlocked],
  ];
  return (
    <div className="seat-legend">
      <h3>{m.event.priceZones}</h3>
      <ul className="seat-legend-list">
        {[...offers.values()].map((offer) => (
          <li key={offer.zoneName}>
            <Swatch look="available" color={offer.color} />
            <span>{offer.zoneName}</span>
            <span className="seat-legend-price">{offer.priceMinor === null ? m.event.priceNotOnSale : format.price(offer.priceMinor, offer.currency)}</span>
          </li>
        ))}
      </ul>
      <h3>{m.event.legend}</h3>
      <ul className="seat-legend-list">
        {states.map(([look, label]) => (
          <li key={look}>
            <Swatch look={look} color="#4f46e5" />
            <span>{label}</span>
          </li>
        ))}
        <li>
          <Swatch look="available" color="#4f46e5" accessible />
          <span>{m.event.legendWheelchair}</span>
        </li>
      </ul>
    </div>
  );
}
