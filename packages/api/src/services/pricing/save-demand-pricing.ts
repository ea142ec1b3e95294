import type { Db, Prisma } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { type TAuditActor, recordAudit } from "../audit/record-audit.ts";
import { tierOnSale } from "../checkout/price-hold.ts";
import { clampPrice } from "./decide-demand-price.ts";
import { getPricing } from "./get-pricing.ts";
import { appendPriceVersion, lastPriceVersion, lockPricing } from "./price-versions.ts";
import type { TDemandPricingSettings, TPricingOutput, TSavePricingInput } from "./pricing-schemas.ts";

type Tx = Prisma.TransactionClient;

/** The type under a row lock, if its event is this organisation's (another's is NOT_FOUND: no probing). */
export async function lockOrganizationTicketType(tx: Tx, organizationId: string, ticketTypeId: string) {
  const [row] = await tx.$queryRaw<{ organizationId: string }[]>`
    SELECT e."organizationId" FROM "TicketType" t JOIN "Event" e ON e.id = t."eventId" WHERE t.id = ${ticketTypeId}::uuid FOR UPDATE OF t`;
  if (!row || row.organizationId !== organizationId) throw new AppError("NOT_FOUND", "Ticket type not found.");
  return tx.ticketType.findUniqueOrThrow({ where: { id: ticketTypeId }, include: { event: { select: { currency: true, status: true } }, priceTiers: true } });
}

/** Cross-field checks zod cannot say per field. */
function checkSettings(settings: TDemandPricingSettings): void {
  const invalid = (message: string, field: string) => new AppError("VALIDATION_ERROR", message, { field });
  if (settings.floorMinor > settings.ceilingMinor) throw invalid("The floor must not be above the ceiling.", "floorMinor");
  if (settings.stepMinor > Math.max(1, settings.ceilingMinor - settings.floorMinor) && settings.ceilingMinor > settings.floorMinor)
    throw invalid("The step must fit between the floor and the ceiling.", "stepMinor");
  if (settings.lowerAtPerMinute !== null && settings.lowerAtPerMinute >= settings.raiseAtPerMinute)
    throw invalid("The lower threshold must be below the raise threshold.", "lowerAtPerMinute");
}

/**
 * Saves a type's demand-pricing settings (audited). Turning it on appends a START version at the
 * tier price on sale now, clamped into floor..ceiling; moving the floor or ceiling while it is on
 * clamps the current price (a SETTINGS version). Turning it off leaves the history; holds then
 * lock the tier price again.
 */
export async function saveDemandPricing(
  deps: { db: Db; clock: Clock },
  scope: { organizationId: string; actor: TAuditActor },
  input: TSavePricingInput,
): Promise<TPricingOutput> {
  const { ticketTypeId, ...settings } = input;
  checkSettings(settings);
  const now = deps.clock.now();
  await deps.db.$transaction(async (tx) => {
    const type = await lockOrganizationTicketType(tx, scope.organizationId, ticketTypeId);
    if (type.event.status === "CANCELLED") throw new AppError("CONFLICT", "A cancelled event cannot change.");
    await lockPricing(tx, ticketTypeId);
    const before = await tx.demandPricing.findUnique({ where: { ticketTypeId } });
    await tx.demandPricing.upsert({
      where: { ticketTypeId },
      create: { ticketTypeId, eventId: type.eventId, ...settings, updatedById: scope.actor.userId },
      update: { ...settings, updatedById: scope.actor.userId },
    });
    const last = await lastPriceVersion(tx, ticketTypeId);
    let written: { version: number; priceMinor: number } | null = null;
    if (settings.enabled && (!before?.enabled || !last)) {
      const tier = tierOnSale(type.priceTiers, ticketTypeId, 1, now);
      if (!tier) throw new AppError("CONFLICT", "This ticket type has no price on sale to start from.", { ticketTypeId });
      written = await appendPriceVersion(tx, {
        ticketTypeId,
        eventId: type.eventId,
        previous: last?.version ?? 0,
        priceMinor: clampPrice(tier.priceMinor, settings),
        currency: tier.currency,
        reason: "START",
        inputs: { tierPriceMinor: tier.priceMinor, previousPriceMinor: last?.priceMinor ?? null, settings },
      });
    } else if (settings.enabled && last && clampPrice(last.priceMinor, settings) !== last.priceMinor) {
      written = await appendPriceVersion(tx, {
        ticketTypeId,
        eventId: type.eventId,
        previous: last.version,
        priceMinor: clampPrice(last.priceMinor, settings),
        currency: last.currency,
        reason: "SETTINGS",
        inputs: { previousPriceMinor: last.priceMinor, settings },
      });
    }
    const { createdAt: _c, updatedAt: _u, updatedById: _b, ticketTypeId: _t, eventId: _e, ...previous } = before ?? ({} as Record<string, unknown>);
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: "pricing.save",
      targetType: "ticket-type",
      targetId: ticketTypeId,
      data: { before: before ? (previous as Prisma.InputJsonValue) : null, after: settings, priceVersion: written },
    });
  });
  return getPricing(deps, scope.organizationId, ticketTypeId);
}
