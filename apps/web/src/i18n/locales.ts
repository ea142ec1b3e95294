// The customer site's languages. The buyer's choice lives in a cookie so the server renders the
// first HTML in it; `Intl` formats prices and dates for the matching BCP 47 locale.
// The languages are the documents' and e-mails' (@marquee/documents): a buyer reads the site,
// the tickets and the mail in the same one.
import { DEFAULT_LOCALE, INTL_LOCALE, isLocale, SUPPORTED_LOCALES, type TLocale } from "@marquee/documents/locale";

export { DEFAULT_LOCALE, INTL_LOCALE, isLocale, SUPPORTED_LOCALES };
export type Locale = TLocale;
export const LOCALE_COOKIE = "marquee-locale";

/** The language's name in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", de: "Deutsch" };

/** A cookie value (or the Accept-Language header's first match) to a supported locale. */
export function resolveLocale(cookieValue: string | undefined, acceptLanguage: string | null = null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const language = part.trim().split(";")[0]?.split("-")[0]?.toLowerCase();
    if (isLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}

/** Set by src/proxy.ts on every page request: the language of the URL it served. */
export const LOCALE_HEADER = "x-marquee-locale";
