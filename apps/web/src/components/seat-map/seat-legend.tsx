"use client";

import type { ReactNode } from "react";
import { SeatGlyph, type TSeatLook, ZoneMixGlyph } from "~/components/seat-map/seat-glyph.tsx";
import type { TSeatOffer } from "~/components/seat-map/seat-model.ts";
import { useI18n } from "~/i18n/provider.tsx";

function Swatch({ children }: { children: ReactNode }) {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

/**
 * What the shapes and colours of the map mean, and the price of each zone. "Available" is drawn
 * in all the zone colours at once, so it never looks like one zone (Standard used to share it).
 */
export function SeatLegend({ offers }: { offers: Map<string, TSeatOffer> }) {
  const { m, format } = useI18n();
  const zoneColors = [...new Set([...offers.values()].map((offer) => offer.color))];
  const states: [TSeatLook, string][] = [
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
            <Swatch>
              <SeatGlyph look="available" color={offer.color} x={12} y={12} r={7} />
            </Swatch>
            <span>{offer.zoneName}</span>
            <span className="seat-legend-price">{offer.priceMinor === null ? m.event.priceNotOnSale : format.price(offer.priceMinor, offer.currency)}</span>
          </li>
        ))}
      </ul>
      <h3>{m.event.legend}</h3>
      <ul className="seat-legend-list">
        <li>
          <Swatch>
            <ZoneMixGlyph colors={zoneColors} x={12} y={12} r={7} />
          </Swatch>
          <span>{m.seatMap.legendAvailable}</span>
        </li>
        {states.map(([look, label]) => (
          <li key={look}>
            <Swatch>
              <SeatGlyph look={look} color="#6b7280" x={12} y={12} r={7} />
            </Swatch>
            <span>{label}</span>
          </li>
        ))}
        <li>
          <Swatch>
            <SeatGlyph look="available" color="#ffffff" x={12} y={12} r={5} suggested />
          </Swatch>
          <span>{m.seatMap.legendSuggested}</span>
        </li>
        <li>
          <Swatch>
            <SeatGlyph look="available" color={zoneColors[0] ?? "#6b7280"} x={12} y={12} r={7} accessible />
          </Swatch>
          <span>{m.event.legendWheelchair}</span>
        </li>
      </ul>
    </div>
  );
}
