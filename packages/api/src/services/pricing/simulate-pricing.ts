import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { tierOnSale } from "../checkout/price-hold.ts";
import { organizationTicketType } from "./get-pricing.ts";
import type { TSimulatePricingInput, TSimulationOutput } from "./pricing-schemas.ts";
import { salesPerMinute, soldBetween } from "./sales-per-minute.ts";
import { simulateDemandPricing } from "./simulate-demand-pricing.ts";

const DAY = 86_400_000;

/** The last Friday strictly before `now` (UTC), as YYYY-MM-DD. */
export function lastFriday(now: Date): string {
  const back = (now.getUTCDay() - 5 + 7) % 7 || 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - back * DAY).toISOString().slice(0, 10);
}

/**
 * "With these settings, that day's sales would have priced like this": the type's real sales of
 * a past day (UTC, paid order lines by paidAt) replayed through the rule from the tier price of
 * that morning, with the stock left then. Read-only.
 */
export async function simulatePricing(deps: { db: Db; clock: Clock }, organizationId: string, input: TSimulatePricingInput): Promise<TSimulationOutput> {
  const type = await organizationTicketType(deps.db, organizationId, input.ticketTypeId);
  const now = deps.clock.now();
  const day = input.day ?? lastFriday(now);
  const from = new Date(`${day}T00:00:00.000Z`);
  const to = new Date(from.getTime() + DAY);
  if (from >= now) throw new AppError("VALIDATION_ERROR", "Choose a day in the past.", { field: "day" });
  const saved = type.demandPricing;
  const settings = input.settings ?? saved;
  if (!settings) throw new AppError("VALIDATION_ERROR", "Give the settings to simulate.", { field: "settings" });
  if (settings.floorMinor > settings.ceilingMinor) throw new AppError("VALIDATION_ERROR", "The floor must not be above the ceiling.", { field: "floorMinor" });
  const tier = tierOnSale(type.priceTiers, type.id, 1, from) ?? tierOnSale(type.priceTiers, type.id, 1, now);
  if (!tier) throw new AppError("CONFLICT", "This ticket type has no price to start from.", { ticketTypeId: type.id });
  const [sales, soldBefore] = await Promise.all([salesPerMinute(deps.db, type, from, to), soldBetween(deps.db, type, new Date(0), from)]);
  const soldPerMinute = new Array<number>(1440).fill(0);
  for (const sale of sales) soldPerMinute[Math.floor((sale.minute.getTime() - from.getTime()) / 60_000)]! += sale.sold;
  const capacity = type.capacity;
  const rule = {
    floorMinor: settings.floorMinor,
    ceilingMinor: settings.ceilingMinor,
    stepMinor: settings.stepMinor,
    windowMinutes: settings.windowMinutes,
    raiseAtPerMinute: settings.raiseAtPerMinute,
    scarcityPct: settings.scarcityPct,
    lowerAtPerMinute: settings.lowerAtPerMinute,
    minIntervalSeconds: settings.minIntervalSeconds,
  };
  const { prices, pricePerMinute } = simulateDemandPricing({
    settings: rule,
    start: from,
    soldPerMinute,
    startPriceMinor: tier.priceMinor,
    stockLeftAtStart: capacity === null ? null : capacity - soldBefore,
    capacity,
  });
  return {
    ticketTypeId: type.id,
    currency: type.event.currency,
    day,
    from,
    to,
    prices,
    sales: sales.map(({ minute, sold }) => ({ minute, sold })),
    startPriceMinor: prices[0]!.priceMinor,
    endPriceMinor: prices.at(-1)!.priceMinor,
    ticketsSold: soldPerMinute.reduce((sum, n) => sum + n, 0),
    simulatedRevenueMinor: soldPerMinute.reduce((sum, n, minute) => sum + n * pricePerMinute[minute]!, 0),
    actualRevenueMinor: sales.reduce((sum, sale) => sum + sale.revenueMinor, 0),
  };
}
