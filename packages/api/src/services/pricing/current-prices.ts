import type { Db, Prisma } from "@marquee/db";
import { tierOnSale, type TTier } from "../checkout/price-hold.ts";

type Reader = Db | Prisma.TransactionClient;

/** What one ticket of a type costs now, and what set that price. */
export interface TCurrentPrice {
  ticketTypeId: string;
  priceTierId: string;
  /** The PriceVersion that set unitPriceMinor (null: the tier's own price). */
  priceVersionId: string | null;
  version: number | null;
  unitPriceMinor: number;
  currency: string;
  taxRateBp: number;
}

/**
 * The current price of each type, the one function holds, the event page and the box office use:
 * the tier on sale (for `quantity` tickets: its window and quantity limit) gives the tax rate,
 * currency and tier id; the unit price is the latest PriceVersion when the type's demand pricing
 * is on, else the tier's price. A type with no tier on sale is absent.
 */
export async function currentPrices(db: Reader, types: readonly { ticketTypeId: string; quantity: number }[], now: Date): Promise<Map<string, TCurrentPrice>> {
  const ids = [...new Set(types.map((type) => type.ticketTypeId))];
  if (ids.length === 0) return new Map();
  const [tiers, demand] = await Promise.all([
    db.priceTier.findMany({ where: { ticketTypeId: { in: ids } } }),
    db.$queryRaw<{ ticketTypeId: string; id: string; version: number; priceMinor: number }[]>`
      SELECT DISTINCT ON (v."ticketTypeId") v."ticketTypeId", v.id, v.version, v."priceMinor"
      FROM "DemandPricing" d JOIN "PriceVersion" v ON v."ticketTypeId" = d."ticketTypeId"
      WHERE d."ticketTypeId" = ANY(${ids}::uuid[]) AND d.enabled
      ORDER BY v."ticketTypeId", v.version DESC`,
  ]);
  return pricesFromRows(tiers, new Map(demand.map((row) => [row.ticketTypeId, row])), types, now);
}

/** The latest PriceVersion of a type whose demand pricing is on. */
export interface TLatestPriceVersion {
  id: string;
  version: number;
  priceMinor: number;
}

/** currentPrices from rows already read (the tiers of the types, their latest demand versions): one rule for every reader. */
export function pricesFromRows(
  tiers: readonly TTier[],
  latest: ReadonlyMap<string, TLatestPriceVersion>,
  types: readonly { ticketTypeId: string; quantity: number }[],
  now: Date,
): Map<string, TCurrentPrice> {
  const prices = new Map<string, TCurrentPrice>();
  for (const { ticketTypeId, quantity } of types) {
    const tier = tierOnSale(tiers, ticketTypeId, quantity, now);
    if (!tier) continue;
    const version = latest.get(ticketTypeId);
    prices.set(ticketTypeId, {
      ticketTypeId,
      priceTierId: tier.id,
      priceVersionId: version?.id ?? null,
      version: version?.version ?? null,
      unitPriceMinor: version?.priceMinor ?? tier.priceMinor,
      currency: tier.currency,
      taxRateBp: tier.taxRateBp,
    });
  }
  return prices;
}
