// Money is integer minor units with an ISO-4217 currency; never floats.

const ZERO_DECIMAL = new Set(["JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF"]);

export interface Money {
  amountMinor: number;
  currency: string;
}

export const minorUnitDigits = (currency: string): number => (ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2);

export function formatMoney({ amountMinor, currency }: Money, locale = "en"): string {
  const digits = minorUnitDigits(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    amountMinor / 10 ** digits,
  );
}

/** Tax included in a tax-inclusive price, rounded half up to the minor unit. */
export function includedTaxMinor(grossMinor: number, taxRateBp: number): number {
  if (!Number.isSafeInteger(grossMinor) || !Number.isSafeInteger(taxRateBp)) throw new RangeError("amounts must be integers");
  if (taxRateBp === 0) return 0;
  return grossMinor - Math.floor((grossMinor * 10000 + (10000 + taxRateBp) / 2) / (10000 + taxRateBp));
}
