import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { tierOnSale } from "../checkout/price-hold.ts";
import { currentPrices } from "./current-prices.ts";
import type { TPricingOutput, TPricingSeriesOutput } from "./pricing-schemas.ts";
import { salesPerMinute } from "./sales-per-minute.ts";

const DAY = 86_400_000;

/** The type with its event, if the event is this organisation's (another's is NOT_FOUND). */
export async function organizationTicketType(db: Db, organizationId: string, ticketTypeId: string) {
  const type = await db.ticketType.findFirst({
    where: { id: ticketTypeId, event: { organizationId } },
    include: { event: { select: { currency: true, timezone: true } }, priceTiers: true, demandPricing: true },
  });
  if (!type) throw new AppError("NOT_FOUND", "Ticket type not found.");
  return type;
}

/** A type's demand-pricing settings, its tier price and the price a hold would lock now. */
export async function getPricing(deps: { db: Db; clock: Clock }, organizationId: string, ticketTypeId: string): Promise<TPricingOutput> {
  const type = await organizationTicketType(deps.db, organizationId, ticketTypeId);
  const now = deps.clock.now();
  const current = (await currentPrices(deps.db, [{ ticketTypeId, quantity: 1 }], now)).get(ticketTypeId);
  const settings = type.demandPricing;
  return {
    ticketTypeId,
    eventId: type.eventId,
    ticketTypeName: type.name,
    currency: type.event.currency,
    tierPriceMinor: tierOnSale(type.priceTiers, ticketTypeId, 1, now)?.priceMinor ?? null,
    currentPriceMinor: current?.unitPriceMinor ?? null,
    currentVersion: current?.version ?? null,
    settings: settings
      ? {
          enabled: settings.enabled,
          floorMinor: settings.floorMinor,
          ceilingMinor: settings.ceilingMinor,
          stepMinor: settings.stepMinor,
          windowMinutes: settings.windowMinutes,
          raiseAtPerMinute: settings.raiseAtPerMinute,
          scarcityPct: settings.scarcityPct,
          lowerAtPerMinute: settings.lowerAtPerMinute,
          minIntervalSeconds: settings.minIntervalSeconds,
        }
      : null,
  };
}

/**
 * The price versions and the sales per minute of a period (default: the last 24 hours, at most
 * 7 days), for the console's chart. The version in force at `from` is included as the first point.
 */
export async function getPricingHistory(
  deps: { db: Db; clock: Clock },
  organizationId: string,
  input: { ticketTypeId: string; from?: Date; to?: Date },
): Promise<TPricingSeriesOutput> {
  const type = await organizationTicketType(deps.db, organizationId, input.ticketTypeId);
  const to = input.to ?? deps.clock.now();
  const from = input.from ?? new Date(to.getTime() - DAY);
  if (from >= to || to.getTime() - from.getTime() > 7 * DAY)
    throw new AppError("VALIDATION_ERROR", "Choose a period of at most 7 days, its start before its end.", { field: "from" });
  const [before, versions, sales] = await Promise.all([
    deps.db.priceVersion.findFirst({ where: { ticketTypeId: type.id, createdAt: { lt: from } }, orderBy: { version: "desc" } }),
    deps.db.priceVersion.findMany({ where: { ticketTypeId: type.id, createdAt: { gte: from, lte: to } }, orderBy: { version: "asc" }, take: 5_000 }),
    salesPerMinute(deps.db, type, from, to),
  ]);
  const point = (v: { createdAt: Date; priceMinor: number; reason: TPricingSeriesOutput["prices"][number]["reason"]; version: number }, at = v.createdAt) => ({
    at,
    priceMinor: v.priceMinor,
    reason: v.reason,
    version: v.version,
  });
  return {
    ticketTypeId: type.id,
    currency: type.event.currency,
    from,
    to,
    prices: [...(before ? [point(before, from)] : []), ...versions.map((v) => point(v))],
    sales: sales.map(({ minute, sold }) => ({ minute, sold })),
  };
}
