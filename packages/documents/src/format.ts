import { INTL_LOCALE, type TLocale } from "./locale.ts";

// Intl puts narrow and thin spaces into some outputs; the PDFs' built-in Helvetica (WinAnsi) has no
// glyph for them, so they become no-break spaces, which look the same in text and mail.
const ODD_SPACES = /[\u2009\u202f]/g;
const tidy = (value: string): string => value.replace(ODD_SPACES, "\u00a0");

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: TLocale, currency: string): Intl.NumberFormat {
  const key = `${locale}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency });
    moneyFormats.set(key, format);
  }
  return format;
}

/** Decimals of the currency's minor unit as Intl knows them: EUR 2, JPY 0. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Integer minor units (cents, yen) to a price in the locale: 1250 EUR -> "€12.50" / "12,50 €". */
export function formatMoney(amountMinor: number, currency: string, locale: TLocale): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amountMinor must be an integer, got ${amountMinor}`);
  const format = moneyFormat(locale, currency);
  return tidy(format.format(amountMinor / 10 ** currencyDigits(currency)));
}

/** "Sat, 12 Dec 2026, 20:00" / "Sa., 12. Dez. 2026, 20:00" in the given IANA time zone. */
export function formatDateTime(date: Date, timeZone: string, locale: TLocale): string {
  return tidy(
    new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
    }).format(date),
  );
}

/** "12 December 2026" / "12. Dezember 2026": invoice dates. */
export function formatDate(date: Date, timeZone: string, locale: TLocale): string {
  return tidy(new Intl.DateTimeFormat(INTL_LOCALE[locale], { day: "numeric", month: "long", year: "numeric", timeZone }).format(date));
}

/** "20:00": door times. */
export function formatTime(date: Date, timeZone: string, locale: TLocale): string {
  return tidy(new Intl.DateTimeFormat(INTL_LOCALE[locale], { hour: "2-digit", minute: "2-digit", timeZone }).format(date));
}

/** "19 %" / "19%" */
export function formatPercent(ratePercent: number, locale: TLocale): string {
  return tidy(new Intl.NumberFormat(INTL_LOCALE[locale], { style: "percent", maximumFractionDigits: 2 }).format(ratePercent / 100));
}

/** "2" / "1,5": quantities. */
export function formatQuantity(quantity: number, locale: TLocale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 3 }).format(quantity);
}
