/**
 * The languages Marquee speaks: the site, the documents and the e-mails. This is the one list;
 * request schemas (`z.enum(SUPPORTED_LOCALES)`) and the apps import it. Add one: see README
 * "Adding a language".
 */
export const SUPPORTED_LOCALES = ["en", "de"] as const;

export type TLocale = (typeof SUPPORTED_LOCALES)[number];

/** What a stored or requested language that is not (or no longer) supported falls back to. */
export const DEFAULT_LOCALE: TLocale = "en";

export const isLocale = (value: unknown): value is TLocale => typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);

/** A stored language (a database column is a plain string) to a supported one. */
export const toLocale = (value: string | null | undefined): TLocale => (isLocale(value) ? value : DEFAULT_LOCALE);

/** The Intl tag each language formats dates and money with (en-GB: 24-hour clock, day before month). */
export const INTL_LOCALE: Record<TLocale, string> = {
  en: "en-GB",
  de: "de-DE",
};
