"use client";

import { Field, fieldError, textOf } from "./form-kit.tsx";

type TTranslations = Record<string, Record<string, string>>;
/** Each German text: its field in translations.de, label, length cap and, for a textarea, rows. */
const FIELDS = [
  { field: "name", label: "Name in German", maxLength: 200 },
  { field: "description", label: "Description in German", maxLength: 20_000, rows: 4 },
  { field: "venueNotes", label: "Venue notes in German", maxLength: 2_000, rows: 2 },
  { field: "imageAlt", label: "Image description in German", maxLength: 300 },
] as const;

/**
 * The event's texts for the shop in German (/de): Event.translations.de. A field left empty
 * shows the event's own text there. The inputs are `lang="de"` so screen readers and spell
 * checkers read them as German.
 */
export function GermanTextFields({ translations, error }: { translations: TTranslations | undefined; error: unknown }) {
  const de = translations?.de ?? {};
  return (
    <fieldset className="stack">
      <legend>German texts (the shop&apos;s /de pages; an empty field shows the text above)</legend>
      {FIELDS.map((spec) => {
        const id = `de-${spec.field}`;
        const message = fieldError(error, `translations.de.${spec.field}`);
        const props = {
          id,
          name: id,
          lang: "de",
          maxLength: spec.maxLength,
          defaultValue: de[spec.field],
          "aria-describedby": message ? `${id}-error` : undefined,
        };
        return (
          <Field key={id} id={id} label={spec.label} error={message}>
            {"rows" in spec ? <textarea rows={spec.rows} {...props} /> : <input {...props} />}
          </Field>
        );
      })}
    </fieldset>
  );
}

/** The form's German fields as Event.translations, the other languages kept; empty fields are left out. */
export function translationsFromForm(form: FormData, before: TTranslations | undefined): TTranslations {
  const de = Object.fromEntries(FIELDS.map(({ field }) => [field, textOf(form.get(`de-${field}`)).trim()]).filter(([, text]) => text !== ""));
  const { de: _old, ...others } = before ?? {};
  return Object.keys(de).length > 0 ? { ...others, de } : others;
}
