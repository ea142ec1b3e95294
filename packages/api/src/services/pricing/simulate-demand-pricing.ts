import { clampPrice, decideDemandPrice, type TRuleSettings } from "./decide-demand-price.ts";
import type { TPriceVersionReason } from "./pricing-schemas.ts";

export interface TSimulationInput {
  settings: TRuleSettings;
  /** The first minute of the timeline and tickets sold in each minute after it (index 0 = start). */
  start: Date;
  soldPerMinute: readonly number[];
  startPriceMinor: number;
  /** Stock left at the start (null: unknown). */
  stockLeftAtStart: number | null;
  capacity: number | null;
}

export interface TSimulatedPrice {
  at: Date;
  priceMinor: number;
  reason: TPriceVersionReason;
  version: number;
}

const MINUTE = 60_000;

/**
 * Replays a per-minute sales timeline through the rule as the worker would run it: a decision at
 * the end of every minute, over the sales of the window before it. Returns each price change
 * (the first one is the START price) and the price every minute's sales were charged.
 */
export function simulateDemandPricing(input: TSimulationInput): { prices: TSimulatedPrice[]; pricePerMinute: number[] } {
  const { settings, soldPerMinute } = input;
  let priceMinor = clampPrice(input.startPriceMinor, settings);
  let changedAt = new Date(input.start.getTime() - settings.minIntervalSeconds * 1000);
  const prices: TSimulatedPrice[] = [{ at: input.start, priceMinor, reason: "START", version: 1 }];
  const pricePerMinute: number[] = [];
  let soldSoFar = 0;
  let inWindow = 0;
  for (let minute = 0; minute < soldPerMinute.length; minute++) {
    const sold = soldPerMinute[minute]!;
    pricePerMinute.push(priceMinor);
    soldSoFar += sold;
    inWindow += sold - (minute >= settings.windowMinutes ? soldPerMinute[minute - settings.windowMinutes]! : 0);
    const now = new Date(input.start.getTime() + (minute + 1) * MINUTE);
    const decision = decideDemandPrice(settings, {
      now,
      priceMinor,
      changedAt,
      soldInWindow: inWindow,
      stockLeft: input.stockLeftAtStart === null ? null : input.stockLeftAtStart - soldSoFar,
      capacity: input.capacity,
    });
    if (!decision) continue;
    priceMinor = decision.priceMinor;
    changedAt = now;
    prices.push({ at: now, priceMinor, reason: decision.reason, version: prices.length + 1 });
  }
  return { prices, pricePerMinute };
}
