import { isLocale, SUPPORTED_LOCALES, type TLocale } from "@marquee/documents/locale";
import { z } from "zod";

/**
 * Organiser-written text per language. The base columns (Event.name, .description, .venueNotes,
 * .imageAlt; TicketType.name, .description; Section.name; PriceZone.name) hold the text in the
 * event's default language; each row's `translations` JSON column holds the other languages:
 * `{ "de": { "name": "…", "description": "…" } }`. This module is the one place that picks the
 * text for a request's language; every read that shows these names goes through it.
 */
export const CONTENT_FIELDS = ["name", "description", "venueNotes", "imageAlt"] as const;
export type TContentField = (typeof CONTENT_FIELDS)[number];

const MAX_LENGTH: Record<TContentField, number> = { name: 200, description: 20_000, venueNotes: 2_000, imageAlt: 300 };

/** What a console writes into a `translations` column (validated before it is stored). */
export const ZContentTranslations = z.partialRecord(
  z.enum(SUPPORTED_LOCALES),
  z.strictObject(
    Object.fromEntries(CONTENT_FIELDS.map((field) => [field, z.string().trim().max(MAX_LENGTH[field]).optional()])) as Record<
      TContentField,
      z.ZodOptional<z.ZodString>
    >,
  ),
);
export type TContentTranslations = z.infer<typeof ZContentTranslations>;

/** A request's optional language (tRPC input and REST `?locale=`); absent: the event's default language. */
export const ZContentLocale = z.enum(SUPPORTED_LOCALES).optional();

/** The requested language and the language the base columns are written in. */
export interface TContentLanguage {
  requested: TLocale | null | undefined;
  /** Event.defaultLanguage of the event the row belongs to. */
  defaultLanguage: string;
}

/** The text and the language it is in (for `lang` attributes when a fallback shows). */
export interface TResolvedText {
  text: string;
  language: string;
}

/** The translation of one field, or null when the stored JSON has none (malformed JSON counts as none). */
function translationOf(translations: unknown, locale: string, field: TContentField): string | null {
  if (typeof translations !== "object" || translations === null || Array.isArray(translations)) return null;
  const forLocale = (translations as Record<string, unknown>)[locale];
  if (typeof forLocale !== "object" || forLocale === null) return null;
  const text = (forLocale as Record<string, unknown>)[field];
  return typeof text === "string" && text.trim() !== "" ? text : null;
}

/**
 * The field in the requested language when it is given there, else the base text (the default
 * language). A blank translation counts as missing; a blank base stays blank.
 */
export function resolveTextIn(base: string, translations: unknown, field: TContentField, language: TContentLanguage): TResolvedText {
  const requested = language.requested;
  if (requested && requested !== language.defaultLanguage) {
    const text = translationOf(translations, requested, field);
    if (text !== null) return { text, language: requested };
  }
  return { text: base, language: isLocale(language.defaultLanguage) ? language.defaultLanguage : language.defaultLanguage || "en" };
}

export const resolveText = (base: string, translations: unknown, field: TContentField, language: TContentLanguage): string =>
  resolveTextIn(base, translations, field, language).text;

/** A row's `name` (sections, price zones, ticket types) in the requested language. */
export const resolveName = (row: { name: string; translations?: unknown }, language: TContentLanguage): string =>
  resolveText(row.name, row.translations, "name", language);
