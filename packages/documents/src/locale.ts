/** Languages the documents and e-mails are written in. Add one: see README "Adding a language". */
export type TLocale = "en" | "de";

export const LOCALES: readonly TLocale[] = ["en", "de"];

/** The Intl tag each language formats dates and money with (en-GB: 24-hour clock, day before month). */
export const INTL_LOCALE: Record<TLocale, string> = {
  en: "en-GB",
  de: "de-DE",
};
