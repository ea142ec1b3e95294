import { formatMoney } from "@marquee/documents/format";
import { INTL_LOCALE, type Locale } from "~/i18n/locales.ts";

// Prices, dates and counts in the buyer's language. Dates are shown in the venue's time zone
// (every event carries one), so the server's and the browser's renders agree.
const DEFAULT_TIME_ZONE = "Europe/Berlin";

export interface TFormat {
  /** Integer minor units to a price; the currency's own decimals come from Intl (JPY has none). */
  price(amountMinor: number, currency: string): string;
  /** "Sat, 12 Dec 2026, 20:00" / "Sa., 12. Dez. 2026, 20:00" */
  eventDate(date: Date, timeZone?: string): string;
  /** "12 Dec 2026" */
  date(date: Date, timeZone?: string): string;
  /** "20:00" */
  time(date: Date, timeZone?: string): string;
  /** "2,000" / "2.000" */
  count(value: number): string;
}

const cache = new Map<Locale, TFormat>();

export function formatFor(locale: Locale): TFormat {
  const existing = cache.get(locale);
  if (existing) return existing;
  const tag = INTL_LOCALE[locale];
  const dates = new Map<string, Intl.DateTimeFormat>();
  const dateFormat = (kind: string, options: Intl.DateTimeFormatOptions, timeZone: string) => {
    const key = `${kind}|${timeZone}`;
    let format = dates.get(key);
    if (!format) dates.set(key, (format = new Intl.DateTimeFormat(tag, { ...options, timeZone })));
    return format;
  };
  const count = new Intl.NumberFormat(tag);
  const format: TFormat = {
    // The same prices as on the tickets, invoices and e-mails.
    price: (amountMinor, currency) => formatMoney(amountMinor, currency, locale),
    eventDate: (date, timeZone = DEFAULT_TIME_ZONE) =>
      dateFormat("event", { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }, timeZone).format(date),
    date: (date, timeZone = DEFAULT_TIME_ZONE) => dateFormat("date", { day: "numeric", month: "short", year: "numeric" }, timeZone).format(date),
    time: (date, timeZone = DEFAULT_TIME_ZONE) => dateFormat("time", { hour: "2-digit", minute: "2-digit" }, timeZone).format(date),
    count: (value) => count.format(value),
  };
  cache.set(locale, format);
  return format;
}
