/** The price-tier fields that decide which tier sells now. */
export interface TPriceTierWindow {
  id: string;
  priceMinor: number;
  validFrom: Date | null;
  validUntil: Date | null;
  quantityLimit: number | null;
  soldCount: number;
  sortOrder: number;
}

/**
 * The tier a buyer pays now: in its date window, with room under its quantity limit, first by
 * sort order (then price). Checkout's pricing applies the same rule per order (price-hold.ts);
 * this one is for showing prices, so it looks at one ticket only.
 */
export function currentPriceTier<T extends TPriceTierWindow>(tiers: readonly T[], now: Date): T | null {
  return (
    [...tiers]
      .sort((a, b) => a.sortOrder - b.sortOrder || a.priceMinor - b.priceMinor)
      .find(
        (tier) =>
          (!tier.validFrom || tier.validFrom <= now) &&
          (!tier.validUntil || tier.validUntil > now) &&
          (tier.quantityLimit === null || tier.soldCount < tier.quantityLimit),
      ) ?? null
  );
}
