"use client";

import type { TSectionDraft } from "@marquee/api/services/seat-map/seat-map-document";
import { useId, useState } from "react";
import { parseAisles } from "~/features/seat-maps/editor-model.ts";

interface TSectionFormProps {
  section: TSectionDraft;
  index: number;
  zones: string[];
  /** Problems the generator found in this section. */
  issues: string[];
  onChange(next: TSectionDraft): void;
  onRemove(): void;
}

/** One section's generator settings: rows, seats, numbering, aisles, curve, spacing, zone. */
export function SectionForm({ section, index, zones, issues, onChange, onRemove }: TSectionFormProps) {
  const id = useId();
  const set = <K extends keyof TSectionDraft>(key: K, value: TSectionDraft[K]) => onChange({ ...section, [key]: value });
  const int = (value: string, fallback = 0) => (Number.isFinite(Number.parseInt(value, 10)) ? Number.parseInt(value, 10) : fallback);
  // Aisles are typed as text ("3, 7") and applied as they parse.
  const [aisles, setAisles] = useState(section.aisles.join(", "));
  const number = (
    key: "rows" | "seatsPerRow" | "firstSeat" | "curve" | "seatSpacing" | "rowSpacing" | "x" | "y" | "width" | "height",
    label: string,
    hint?: string,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        inputMode="numeric"
        value={section[key]}
        onChange={(event) => set(key, int(event.target.value))}
        aria-describedby={hint ? `${id}-${key}-hint` : undefined}
      />
      {hint ? (
        <span id={`${id}-${key}-hint`} className="muted small">
          {hint}
        </span>
      ) : null}
    </div>
  );

  return (
    <fieldset className="card section-form" data-section-index={index} data-invalid={issues.length > 0}>
      <legend>Section {index + 1}</legend>
      <div className="section-form-grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={section.name} maxLength={80} onChange={(event) => set("name", event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} value={section.kind} onChange={(event) => set("kind", event.target.value as TSectionDraft["kind"])}>
            <option value="SEATED">Seated</option>
            <option value="STANDING">Standing area</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-zone`}>Price zone</label>
          <select id={`${id}-zone`} value={section.zone} onChange={(event) => set("zone", event.target.value)}>
            {zones.includes(section.zone) ? null : <option value={section.zone}>{section.zone} (missing)</option>}
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </div>
        {section.kind === "SEATED" ? (
          <>
            {number("rows", "Rows")}
            {number("seatsPerRow", "Seats per row")}
            <div className="field">
              <label htmlFor={`${id}-rowLabels`}>Row labels</label>
              <select id={`${id}-rowLabels`} value={section.rowLabels} onChange={(event) => set("rowLabels", event.target.value as TSectionDraft["rowLabels"])}>
                <option value="letters">Letters (A, B, …)</option>
                <option value="numbers">Numbers (1, 2, …)</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-firstRow`}>First row</label>
              <input id={`${id}-firstRow`} value={section.firstRow} maxLength={4} onChange={(event) => set("firstRow", event.target.value.toUpperCase())} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-numbering`}>Seat numbers</label>
              <select id={`${id}-numbering`} value={section.numbering} onChange={(event) => set("numbering", event.target.value as TSectionDraft["numbering"])}>
                <option value="ltr">Left to right</option>
                <option value="rtl">Right to left</option>
              </select>
            </div>
            {number("firstSeat", "First seat number")}
            <div className="field">
              <label htmlFor={`${id}-aisles`}>Aisles after seat</label>
              <input
                id={`${id}-aisles`}
                value={aisles}
                inputMode="numeric"
                aria-describedby={`${id}-aisles-hint`}
                onChange={(event) => {
                  setAisles(event.target.value);
                  set("aisles", parseAisles(event.target.value));
                }}
              />
              <span id={`${id}-aisles-hint`} className="muted small">
                Positions from the left, e.g. 4, 10
              </span>
            </div>
            {number("curve", "Curve radius", "0 for straight rows")}
            {number("seatSpacing", "Seat spacing")}
            {number("rowSpacing", "Row spacing")}
          </>
        ) : (
          <>
            {number("width", "Width")}
            {number("height", "Height")}
          </>
        )}
        {number("x", "Left (x)")}
        {number("y", "Top (y)")}
      </div>
      {issues.length ? (
        <ul className="section-issues" aria-label={`Problems in ${section.name}`}>
          {issues.map((issue, issueIndex) => (
            <li key={issueIndex}>{issue}</li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="button" onClick={onRemove}>
        Remove section {section.name}
      </button>
    </fieldset>
  );
}
