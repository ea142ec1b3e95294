import { goodwillLineDescription, type TLocale } from "@marquee/documents";
import { AppError } from "../../errors.ts";
import type { TSnapshotLine } from "./types.ts";

/**
 * A credit note's free-amount lines: `amountMinor` (gross; positive gives goodwill money back,
 * negative takes goodwill already refunded off a ticket credit) split over the invoice's VAT rates
 * in proportion to what each rate invoiced. Shares are floored and the cents left over go to the
 * largest remainders, so the lines add up to the amount exactly.
 */
export function goodwillLines(invoiced: TSnapshotLine[], amountMinor: number, locale: TLocale): TSnapshotLine[] {
  if (amountMinor === 0) return [];
  const byRate = new Map<number, number>();
  for (const line of invoiced) {
    if (line.role !== "goodwill") byRate.set(line.taxRatePercent, (byRate.get(line.taxRatePercent) ?? 0) + line.unitPriceMinor * line.quantity);
  }
  const rates = [...byRate].filter(([, gross]) => gross > 0).sort(([a], [b]) => b - a);
  const base = BigInt(rates.reduce((sum, [, gross]) => sum + gross, 0));
  if (base === 0n) throw new AppError("CONFLICT", "The invoice has no amount to credit.");
  const magnitude = BigInt(Math.abs(amountMinor));
  // BigInt: amount × gross can pass 2^53 for large orders.
  const shares = rates.map(([rate, gross]) => ({ rate, minor: (magnitude * BigInt(gross)) / base, rest: (magnitude * BigInt(gross)) % base }));
  let left = magnitude - shares.reduce((sum, share) => sum + share.minor, 0n);
  for (const share of [...shares].sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : 0))) {
    if (left === 0n) break;
    share.minor += 1n;
    left -= 1n;
  }
  const sign = Math.sign(amountMinor);
  const description = goodwillLineDescription(locale, sign > 0 ? "credit" : "offset");
  return shares
    .filter((share) => share.minor > 0n)
    .map((share) => ({ role: "goodwill", description, quantity: 1, unitPriceMinor: sign * Number(share.minor), taxRatePercent: share.rate }));
}
