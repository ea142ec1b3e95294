"use client";

import { useId, useState } from "react";
import type { TBrush } from "~/features/seat-maps/editor-model.ts";

const brushKey = (brush: TBrush) => (brush.kind === "zone" ? `zone:${brush.zone}` : brush.kind);

interface TBrushToolbarProps {
  brush: TBrush;
  wholeRow: boolean;
  zones: { name: string; color: string }[];
  sections: string[];
  onBrush(brush: TBrush): void;
  onWholeRow(wholeRow: boolean): void;
  /** The keyboard way to paint: a seat by its labels. */
  onPaintByLabel(target: { sectionIndex: number; row: string; seat: string }): boolean;
}

/** What a click on a seat does (move sections, block, accessible, a zone), and a seat picked by labels. */
export function BrushToolbar({ brush, wholeRow, zones, sections, onBrush, onWholeRow, onPaintByLabel }: TBrushToolbarProps) {
  const id = useId();
  const [target, setTarget] = useState({ sectionIndex: 0, row: "", seat: "" });
  const [notFound, setNotFound] = useState(false);
  const options: { brush: TBrush; label: string; color?: string }[] = [
    { brush: { kind: "move" }, label: "Move sections" },
    { brush: { kind: "blocked" }, label: "Blocked seat" },
    { brush: { kind: "accessible" }, label: "Accessible seat" },
    ...zones.map((zone) => ({ brush: { kind: "zone" as const, zone: zone.name }, label: `Zone: ${zone.name}`, color: zone.color })),
  ];
  return (
    <div className="brush-toolbar">
      <fieldset className="brush-modes">
        <legend>Click on the map to</legend>
        {options.map((option) => (
          <label key={brushKey(option.brush)} className="brush-option">
            <input type="radio" name={`${id}-brush`} checked={brushKey(option.brush) === brushKey(brush)} onChange={() => onBrush(option.brush)} />
            {option.color ? <span className="zone-swatch" style={{ background: option.color }} aria-hidden="true" /> : null}
            {option.label}
          </label>
        ))}
        <label className="brush-option">
          <input type="checkbox" checked={wholeRow} onChange={(event) => onWholeRow(event.target.checked)} disabled={brush.kind === "move"} />
          Whole row
        </label>
      </fieldset>
      <form
        className="paint-by-label"
        onSubmit={(event) => {
          event.preventDefault();
          setNotFound(!onPaintByLabel(target));
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-section`}>Section</label>
          <select id={`${id}-section`} value={target.sectionIndex} onChange={(event) => setTarget({ ...target, sectionIndex: Number(event.target.value) })}>
            {sections.map((name, index) => (
              <option key={index} value={index}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-row`}>Row</label>
          <input
            id={`${id}-row`}
            value={target.row}
            maxLength={8}
            size={4}
            onChange={(event) => setTarget({ ...target, row: event.target.value.toUpperCase() })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-seat`}>Seat</label>
          <input id={`${id}-seat`} value={target.seat} maxLength={8} size={4} onChange={(event) => setTarget({ ...target, seat: event.target.value })} />
        </div>
        <button type="submit" className="button" disabled={brush.kind === "move"}>
          Apply to seat
        </button>
        {notFound ? (
          <p className="alert small" role="alert">
            No such seat in that section.
          </p>
        ) : null}
      </form>
    </div>
  );
}
