"use client";

import type { TSeatMapDocument } from "@marquee/api/services/seat-map/seat-map-document";
import { useId } from "react";
import { ZONE_COLOURS, renameZone } from "~/features/seat-maps/editor-model.ts";

/** The price zones: name and colour; renaming follows every seat and section using the zone. */
export function ZoneList({ document, onChange }: { document: TSeatMapDocument; onChange(next: TSeatMapDocument): void }) {
  const id = useId();
  const addZone = () => {
    let index = document.priceZones.length + 1;
    while (document.priceZones.some((zone) => zone.name === `Zone ${index}`)) index++;
    const color = ZONE_COLOURS[document.priceZones.length % ZONE_COLOURS.length]!;
    onChange({ ...document, priceZones: [...document.priceZones, { name: `Zone ${index}`, color }] });
  };
  return (
    <fieldset className="card zone-list">
      <legend>Price zones</legend>
      <ul>
        {document.priceZones.map((zone, index) => (
          <li key={index} className="zone-row">
            <div className="field">
              <label htmlFor={`${id}-name-${index}`}>Zone {index + 1} name</label>
              <input
                id={`${id}-name-${index}`}
                value={zone.name}
                maxLength={40}
                onChange={(event) => onChange(renameZone(document, zone.name, event.target.value))}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-colour-${index}`}>Colour</label>
              <input
                id={`${id}-colour-${index}`}
                type="color"
                value={zone.color}
                onChange={(event) =>
                  onChange({
                    ...document,
                    priceZones: document.priceZones.map((other, otherIndex) => (otherIndex === index ? { ...other, color: event.target.value } : other)),
                  })
                }
              />
            </div>
            <button
              type="button"
              className="button"
              disabled={document.priceZones.length === 1}
              onClick={() => onChange({ ...document, priceZones: document.priceZones.filter((_, otherIndex) => otherIndex !== index) })}
            >
              Remove {zone.name}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={addZone} disabled={document.priceZones.length >= 20}>
        Add price zone
      </button>
    </fieldset>
  );
}
