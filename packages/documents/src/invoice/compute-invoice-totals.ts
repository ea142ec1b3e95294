import type { TInvoiceLine } from "./invoice-data.ts";

export interface TComputedLine extends TInvoiceLine {
  /** quantity x unit price, signed, in minor units, net or gross as the price mode. */
  totalMinor: number;
}

export interface TTaxGroup {
  taxRatePercent: number;
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
}

export interface TInvoiceTotals {
  lines: TComputedLine[];
  /** One entry per tax rate, highest rate first. */
  taxGroups: TTaxGroup[];
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
}

/** Commercial rounding (half away from zero), so a credit note mirrors its invoice to the cent. */
export function roundHalfAwayFromZero(value: number): number {
  // The epsilon absorbs binary noise such as 0.5643 * 100 = 56.42999...; amounts are far below 2^40.
  const rounded = Math.round(Math.abs(value) + 1e-9);
  return value < 0 ? -rounded : rounded;
}

/**
 * Tax is computed once per rate on the sum of that rate's lines (not per line and then summed),
 * as EU VAT rules and most accounting software do. With gross prices the tax is extracted:
 * tax = gross x rate / (100 + rate).
 */
export function computeInvoiceTotals(lines: TInvoiceLine[], priceMode: "gross" | "net", sign: 1 | -1 = 1): TInvoiceTotals {
  const computed = lines.map((line) => {
    if (!Number.isSafeInteger(line.unitPriceMinor)) throw new RangeError(`unit price of "${line.description}" must be integer minor units`);
    if (!(line.taxRatePercent >= 0 && line.taxRatePercent < 100)) throw new RangeError(`tax rate of "${line.description}" out of range`);
    const total = line.quantity * line.unitPriceMinor;
    if (!Number.isSafeInteger(roundHalfAwayFromZero(total)) || Math.abs(total - Math.round(total)) > 1e-6) {
      throw new RangeError(`line total of "${line.description}" is not a whole number of minor units`);
    }
    return { ...line, totalMinor: sign * Math.round(total) };
  });

  const byRate = new Map<number, number>();
  for (const line of computed) byRate.set(line.taxRatePercent, (byRate.get(line.taxRatePercent) ?? 0) + line.totalMinor);

  const taxGroups = [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, sum]): TTaxGroup => {
      if (priceMode === "net") {
        const taxMinor = roundHalfAwayFromZero((sum * rate) / 100);
        return { taxRatePercent: rate, netMinor: sum, taxMinor, grossMinor: sum + taxMinor };
      }
      const taxMinor = roundHalfAwayFromZero((sum * rate) / (100 + rate));
      return { taxRatePercent: rate, netMinor: sum - taxMinor, taxMinor, grossMinor: sum };
    });

  const total = (key: "netMinor" | "taxMinor" | "grossMinor") => taxGroups.reduce((acc, group) => acc + group[key], 0);
  return { lines: computed, taxGroups, netMinor: total("netMinor"), taxMinor: total("taxMinor"), grossMinor: total("grossMinor") };
}
