"use client";

import { Field, fieldError, textOf } from "./form-kit.tsx";

type TTranslations = Record<string, Record<string, string>>;
const FIELDS = ["name", "description", "venueNotes", "imageAlt"] as const;

/**
 * The event's texts for the shop in German (/de): Event.translations.de. A field left empty
 * shows the event's own text there. The inputs are `lang="de"`
 * so screen readers and spell checkers read them as German.
 */
export function GermanTextFields({ translations, error }: { translations: TTranslations | undefined; error: unknown }) {
  const de = translations?.de ?? {};
  const err = (field: (typeof FIELDS)[number]) => fieldError(error, `translations.de.${field}`);
  const describedBy = (field: (typeof FIELDS)[number]) => (err(field) ? `de-${field}-error` : undefined);
  return (
    <fieldset className="stack">
      <legend>German texts (the shop&apos;s /de pages; an empty field shows the text above)</legend>
      <Field id="de-name" label="Name in German" error={err("name")}>
        <input id="de-name" name="de-name" lang="de" maxLength={200} defaultValue={de.name} aria-describedby={describedBy("name")} />
      </Field>
      <Field id="de-description" label="Description in German" error={err("description")}>
        <textarea
          id="de-description"
          name="de-description"
          lang="de"
          rows={4}
          maxLength={20_000}
          defaultValue={de.description}
          aria-describedby={describedBy("description")}
        />
      </Field>
      <Field id="de-venueNotes" label="Venue notes in German" error={err("venueNotes")}>
        <textarea
          id="de-venueNotes"
          name="de-venueNotes"
          lang="de"
          rows={2}
          maxLength={2_000}
          defaultValue={de.venueNotes}
          aria-describedby={describedBy("venueNotes")}
        />
      </Field>
      <Field id="de-imageAlt" label="Image description in German" error={err("imageAlt")}>
        <input id="de-imageAlt" name="de-imageAlt" lang="de" maxLength={300} defaultValue={de.imageAlt} aria-describedby={describedBy("imageAlt")} />
      </Field>
    </fieldset>
  );
}

/** The form's German fields as Event.translations, the other languages kept; empty fields are left out. */
export function translationsFromForm(form: FormData, before: TTranslations | undefined): TTranslations {
  const de = Object.fromEntries(FIELDS.map((field) => [field, textOf(form.get(`de-${field}`)).trim()]).filter(([, text]) => text !== ""));
  const { de: _old, ...others } = before ?? {};
  return Object.keys(de).length > 0 ? { ...others, de } : others;
}
