// Display formatting shared by the three apps. English only for now; one locale and one time zone
// (the venues') keep server and browser renders identical.
const LOCALE = "en-GB";
const TIME_ZONE = "Europe/Berlin";

const dateTimeFormat = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: TIME_ZONE });

const eventDate = dateTimeFormat({ weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
const dateTime = dateTimeFormat({ day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
const weekdayTime = dateTimeFormat({ weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
const time = dateTimeFormat({ hour: "2-digit", minute: "2-digit" });
const count = new Intl.NumberFormat(LOCALE);

/** "Sat, 12 Dec 2026, 20:00": a show as the customer site lists it. */
export const formatEventDate = (date: Date): string => eventDate.format(date);

/** "12 Dec 2026, 20:00": compact, for tables. */
export const formatDateTime = (date: Date): string => dateTime.format(date);

/** "Sat 12 Dec, 20:00": no year, for dates within the coming week (the scanner's window). */
export const formatWeekdayTime = (date: Date): string => weekdayTime.format(date);

/** "20:00" */
export const formatTime = (date: Date): string => time.format(date);

/** "2,000" */
export const formatCount = (value: number): string => count.format(value);

const currencyDigits = (currency: string): number =>
  new Intl.NumberFormat(LOCALE, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** Integer minor units to a price; the currency's own number of decimals comes from Intl (JPY has none). */
export function formatPrice(amountMinor: number, currency: string): string {
  return new Intl.NumberFormat(LOCALE, { style: "currency", currency }).format(amountMinor / 10 ** currencyDigits(currency));
}

/**
 * A typed amount ("10", "10.5", "10,50") to integer minor units of the currency, without float
 * arithmetic; null when it is not a plain amount with at most the currency's decimals.
 */
export function parsePrice(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const match = /^(\d{1,9})(?:[.,](\d+))?$/.exec(text.trim());
  if (!match || (match[2] ?? "").length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? "").padEnd(digits, "0") || "0");
}
