import type { Db, Prisma } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { clampPrice, decideDemandPrice } from "./decide-demand-price.ts";
import { appendPriceVersion, lastPriceVersion, lockPricing } from "./price-versions.ts";
import { soldBetween } from "./sales-per-minute.ts";

type Tx = Prisma.TransactionClient;

export interface TRecomputeResult {
  ticketTypeId: string;
  /** The new version, or null when the price stayed (or demand pricing is off). */
  changed: { version: number; priceMinor: number; reason: string } | null;
}

/** Stock of a type: GA capacity, or the seats of its price zone that are not blocked; left = that minus sold. */
async function stockOf(tx: Tx, type: { id: string; capacity: number | null; soldCount: number; priceZoneId: string | null }) {
  if (type.capacity !== null) return { capacity: type.capacity, stockLeft: type.capacity - type.soldCount };
  if (!type.priceZoneId) return { capacity: null, stockLeft: null };
  const seats = await tx.seat.count({ where: { priceZoneId: type.priceZoneId, blocked: false } });
  return { capacity: seats, stockLeft: seats - type.soldCount };
}

/**
 * Runs the demand rule for one type and appends the next PriceVersion if it decides a change,
 * with the rule's inputs, an audit entry (actor: the system) and the `pricing.price-changed`
 * outbox event, in one transaction under the type's pricing lock (concurrent recomputes of a type
 * run one after another, and the second sees the first's version: one step per interval).
 */
export async function recomputePrice(deps: { db: Db; clock: Clock }, ticketTypeId: string): Promise<TRecomputeResult> {
  return deps.db.$transaction(async (tx) => {
    await lockPricing(tx, ticketTypeId);
    const now = deps.clock.now();
    const settings = await tx.demandPricing.findUnique({
      where: { ticketTypeId },
      include: {
        ticketType: { select: { id: true, eventId: true, capacity: true, soldCount: true, priceZoneId: true, event: { select: { organizationId: true } } } },
      },
    });
    const last = await lastPriceVersion(tx, ticketTypeId);
    if (!settings?.enabled || !last) return { ticketTypeId, changed: null };
    const type = settings.ticketType;
    const since = new Date(now.getTime() - settings.windowMinutes * 60_000);
    const soldInWindow = await soldBetween(tx, type, since, new Date(now.getTime() + 1));
    const stock = await stockOf(tx, type);
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
    const decision = decideDemandPrice(rule, { now, priceMinor: last.priceMinor, changedAt: last.createdAt, soldInWindow, ...stock });
    if (!decision) return { ticketTypeId, changed: null };
    const inputs = {
      velocityPerMinute: decision.velocityPerMinute,
      windowMinutes: rule.windowMinutes,
      soldInWindow,
      stockLeft: stock.stockLeft,
      capacity: stock.capacity,
      previousPriceMinor: last.priceMinor,
      previousVersion: last.version,
      settings: rule,
    };
    const created = await appendPriceVersion(tx, {
      ticketTypeId,
      eventId: type.eventId,
      previous: last.version,
      priceMinor: clampPrice(decision.priceMinor, rule),
      currency: last.currency,
      reason: decision.reason,
      inputs,
    });
    await recordAudit(tx, {
      organizationId: type.event.organizationId,
      actor: { kind: "system", userId: null, ip: null },
      action: "pricing.change",
      targetType: "ticket-type",
      targetId: ticketTypeId,
      data: { version: created.version, priceMinor: created.priceMinor, reason: created.reason, inputs },
    });
    return { ticketTypeId, changed: { version: created.version, priceMinor: created.priceMinor, reason: created.reason } };
  });
}

/** Ticket types whose demand pricing is on, of published events on sale now (the sweep's work list). */
export async function demandPricedTypesOnSale(db: Db, now: Date): Promise<string[]> {
  const rows = await db.$queryRaw<{ ticketTypeId: string }[]>`
    SELECT d."ticketTypeId" FROM "DemandPricing" d JOIN "Event" e ON e.id = d."eventId" JOIN "TicketType" t ON t.id = d."ticketTypeId"
    WHERE d.enabled AND t.active AND e.status = 'PUBLISHED' AND e."onSaleAt" <= ${now} AND (e."offSaleAt" IS NULL OR e."offSaleAt" > ${now})
    ORDER BY d."ticketTypeId" LIMIT 10000`;
  return rows.map((row) => row.ticketTypeId);
}

/** Recomputes every demand-priced type on sale, one after another; a failure of one does not stop the others. */
export async function sweepDemandPrices(deps: { db: Db; clock: Clock }): Promise<{ checked: number; changed: number; failed: number }> {
  const ids = await demandPricedTypesOnSale(deps.db, deps.clock.now());
  let changed = 0;
  let failed = 0;
  for (const id of ids) {
    try {
      if ((await recomputePrice(deps, id)).changed) changed++;
    } catch {
      failed++;
    }
  }
  return { checked: ids.length, changed, failed };
}

/** The demand-priced types of an order (for the recompute after a sale). */
export async function demandPricedTypesOfOrder(db: Db, orderId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ ticketTypeId: string }[]>`
    SELECT DISTINCT l."ticketTypeId" FROM "OrderLine" l JOIN "DemandPricing" d ON d."ticketTypeId" = l."ticketTypeId" AND d.enabled
    WHERE l."orderId" = ${orderId}::uuid`;
  return rows.map((row) => row.ticketTypeId);
}
