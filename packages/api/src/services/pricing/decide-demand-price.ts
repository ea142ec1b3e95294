import type { TDemandPricingSettings, TPriceVersionReason } from "./pricing-schemas.ts";

export type TRuleSettings = Omit<TDemandPricingSettings, "enabled">;

/** What the rule looks at; recorded with every version it makes. */
export interface TDemandInputs {
  now: Date;
  /** The current price and when it was set. */
  priceMinor: number;
  changedAt: Date;
  /** Tickets sold in the last windowMinutes. */
  soldInWindow: number;
  /** Tickets left to sell, and the type's stock (null: unknown, scarcity does not apply). */
  stockLeft: number | null;
  capacity: number | null;
}

export interface TDemandDecision {
  priceMinor: number;
  reason: Extract<TPriceVersionReason, "VELOCITY" | "SCARCITY" | "QUIET">;
  velocityPerMinute: number;
}

export const velocityOf = (soldInWindow: number, windowMinutes: number) => soldInWindow / windowMinutes;

/** Clamps a price into the settings' floor..ceiling. */
export const clampPrice = (priceMinor: number, settings: Pick<TRuleSettings, "floorMinor" | "ceilingMinor">) =>
  Math.min(settings.ceilingMinor, Math.max(settings.floorMinor, priceMinor));

/**
 * The demand rule: at most one step per decision, never within minIntervalSeconds of the last
 * change. Up one step (capped at the ceiling) when the velocity reaches raiseAtPerMinute or the
 * stock left is at most scarcityPct % of capacity; otherwise down one step (floored) when
 * lowerAtPerMinute is set and the velocity is at most it. Null: the price stays.
 */
export function decideDemandPrice(settings: TRuleSettings, inputs: TDemandInputs): TDemandDecision | null {
  if (inputs.now.getTime() - inputs.changedAt.getTime() < settings.minIntervalSeconds * 1000) return null;
  const velocityPerMinute = velocityOf(inputs.soldInWindow, settings.windowMinutes);
  const scarce =
    settings.scarcityPct !== null &&
    inputs.stockLeft !== null &&
    inputs.capacity !== null &&
    inputs.capacity > 0 &&
    inputs.stockLeft * 100 <= settings.scarcityPct * inputs.capacity;
  const fast = velocityPerMinute >= settings.raiseAtPerMinute;
  if (fast || scarce) {
    const priceMinor = Math.min(settings.ceilingMinor, inputs.priceMinor + settings.stepMinor);
    if (priceMinor <= inputs.priceMinor) return null;
    return { priceMinor, reason: fast ? "VELOCITY" : "SCARCITY", velocityPerMinute };
  }
  if (settings.lowerAtPerMinute !== null && velocityPerMinute <= settings.lowerAtPerMinute) {
    const priceMinor = Math.max(settings.floorMinor, inputs.priceMinor - settings.stepMinor);
    if (priceMinor >= inputs.priceMinor) return null;
    return { priceMinor, reason: "QUIET", velocityPerMinute };
  }
  return null;
}
