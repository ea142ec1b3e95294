import type { Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { type TAuditActor, recordAudit } from "../audit/record-audit.ts";
import { addMissingTicketType } from "../booking/rebuild-inventory.ts";
import type { TBookingDeps } from "../booking/types.ts";
import { lockOrganizationEvent } from "./event-access.ts";
import { adjustRedisStock, announceStock, capacityTooLow, soldAndHeld } from "./ticket-stock.ts";
import type { TCreateTicketTypeInput, TOrganizerTicketType, TSetPriceTiersInput, TUpdateTicketTypeInput } from "./ticket-type-schemas.ts";

type Tx = Prisma.TransactionClient;

interface TScope {
  organizationId: string;
  actor: TAuditActor;
}

const withTiers = { priceTiers: { orderBy: [{ sortOrder: "asc" as const }, { priceMinor: "asc" as const }] } };

/** The ticket type under a row lock with its event, if the event is this organisation's. */
async function lockTicketType(tx: Tx, organizationId: string, ticketTypeId: string) {
  const [row] = await tx.$queryRaw<{ eventId: string; organizationId: string }[]>`
    SELECT t."eventId", e."organizationId" FROM "TicketType" t JOIN "Event" e ON e.id = t."eventId" WHERE t.id = ${ticketTypeId}::uuid FOR UPDATE OF t`;
  if (!row || row.organizationId !== organizationId) throw new AppError("NOT_FOUND", "Ticket type not found.");
  const type = await tx.ticketType.findUniqueOrThrow({ where: { id: ticketTypeId }, include: { ...withTiers, event: true } });
  return type;
}

/** A reserved event's type sells one price zone of its seat map; a GA type has a capacity. */
async function checkStockShape(
  tx: Tx,
  event: { seatingMode: string; seatMapId: string | null },
  fields: { capacity: number | null; priceZoneId: string | null },
) {
  if (event.seatingMode === "RESERVED") {
    if (!fields.priceZoneId) throw new AppError("VALIDATION_ERROR", "Choose the price zone this type sells.", { field: "priceZoneId" });
    const zone = await tx.priceZone.findFirst({ where: { id: fields.priceZoneId, seatMapId: event.seatMapId ?? undefined }, select: { id: true } });
    if (!zone) throw new AppError("NOT_FOUND", "Price zone not found on this event's seat map.", { field: "priceZoneId" });
    return { capacity: null, priceZoneId: fields.priceZoneId };
  }
  if (fields.capacity === null) throw new AppError("VALIDATION_ERROR", "Give the number of tickets to sell.", { field: "capacity" });
  return { capacity: fields.capacity, priceZoneId: null };
}

const nameTaken = (error: unknown) =>
  (error as { code?: string }).code === "P2002" ? new AppError("CONFLICT", "The event has a ticket type of that name.", { field: "name" }) : error;

export async function createTicketType(deps: TBookingDeps, scope: TScope, input: TCreateTicketTypeInput): Promise<TOrganizerTicketType> {
  const { eventId, priceMinor, taxRateBp, ...fields } = input;
  const type = await deps.db
    .$transaction(async (tx: Tx) => {
      const event = await lockOrganizationEvent(tx, scope.organizationId, eventId);
      if (event.status === "CANCELLED") throw new AppError("CONFLICT", "A cancelled event cannot change.");
      const stock = await checkStockShape(tx, event, { capacity: fields.capacity ?? null, priceZoneId: fields.priceZoneId ?? null });
      const created = await tx.ticketType.create({
        data: { ...fields, ...stock, eventId, priceTiers: { create: { name: "Regular", priceMinor, taxRateBp, currency: event.currency, sortOrder: 100 } } },
        include: withTiers,
      });
      await recordAudit(tx, {
        organizationId: scope.organizationId,
        actor: scope.actor,
        action: "ticket-type.create",
        targetType: "ticket-type",
        targetId: created.id,
        data: { eventId, name: created.name, capacity: created.capacity, priceMinor },
      });
      return created;
    })
    .catch((error: unknown) => {
      throw nameTaken(error);
    });
  // A live event's Redis stock gets the new type at once (HSETNX: never counted twice).
  if (type.capacity !== null) await addMissingTicketType(deps, eventId, type.id);
  announceStock(deps, eventId);
  return type;
}

/**
 * Changes a ticket type. A capacity change reaches the event's Redis stock in the same request:
 * refused with CAPACITY_BELOW_SOLD under sold + held (PostgreSQL's count, then Redis's, which also
 * sees holds PostgreSQL has not recorded yet). Capacity and sales-window changes are audited with
 * before and after.
 */
export async function updateTicketType(deps: TBookingDeps, scope: TScope, input: TUpdateTicketTypeInput): Promise<TOrganizerTicketType> {
  const { ticketTypeId, ...changes } = input;
  let undo: (() => Promise<void>) | null = null;
  let eventId = "";
  try {
    const type = await deps.db.$transaction(async (tx: Tx) => {
      const before = await lockTicketType(tx, scope.organizationId, ticketTypeId);
      eventId = before.eventId;
      const stock = await checkStockShape(tx, before.event, {
        capacity: changes.capacity !== undefined ? changes.capacity : before.capacity,
        priceZoneId: changes.priceZoneId !== undefined ? changes.priceZoneId : before.priceZoneId,
      });
      if (stock.priceZoneId !== before.priceZoneId && before.soldCount > 0) {
        throw new AppError("CONFLICT", "The price zone cannot change once tickets are sold.", { field: "priceZoneId" });
      }
      if (stock.capacity !== null && stock.capacity !== before.capacity) {
        const { sold, held } = await soldAndHeld(tx, ticketTypeId);
        if (stock.capacity < sold + held) throw capacityTooLow(ticketTypeId, stock.capacity, sold + held);
        const adjusted = await adjustRedisStock(deps, {
          eventId: before.eventId,
          ticketTypeId,
          delta: stock.capacity - (before.capacity ?? 0),
          availableIfMissing: stock.capacity - sold - held,
          capacity: stock.capacity,
        });
        undo = adjusted.undo;
      }
      const updated = await tx.ticketType.update({ where: { id: ticketTypeId }, data: { ...changes, ...stock }, include: withTiers });
      const audited: Record<string, Prisma.InputJsonValue | null> = {};
      for (const key of Object.keys(changes) as (keyof typeof changes)[]) {
        const was = before[key as keyof typeof before];
        const now = updated[key as keyof typeof updated];
        if (JSON.stringify(was) !== JSON.stringify(now))
          audited[key] = JSON.parse(JSON.stringify({ before: was ?? null, after: now ?? null })) as Prisma.InputJsonValue;
      }
      if (Object.keys(audited).length > 0) {
        await recordAudit(tx, {
          organizationId: scope.organizationId,
          actor: scope.actor,
          action: "capacity" in audited ? "ticket-type.capacity-change" : "ticket-type.update",
          targetType: "ticket-type",
          targetId: ticketTypeId,
          data: { eventId: before.eventId, ...audited },
        });
      }
      return updated;
    });
    announceStock(deps, eventId);
    return type;
  } catch (error) {
    // The row change did not commit: give Redis its old stock back.
    if (undo) await (undo as () => Promise<void>)();
    throw nameTaken(error);
  }
}

/** Archived types are no longer sold (holds need an active type); their tickets stay valid. */
export async function setTicketTypeActive(deps: TBookingDeps, scope: TScope, input: { ticketTypeId: string; active: boolean }): Promise<TOrganizerTicketType> {
  const type = await deps.db.$transaction(async (tx: Tx) => {
    const before = await lockTicketType(tx, scope.organizationId, input.ticketTypeId);
    const updated = await tx.ticketType.update({ where: { id: before.id }, data: { active: input.active }, include: withTiers });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: input.active ? "ticket-type.restore" : "ticket-type.archive",
      targetType: "ticket-type",
      targetId: before.id,
      data: { eventId: before.eventId },
    });
    return updated;
  });
  if (input.active && type.capacity !== null) await addMissingTicketType(deps, type.eventId, type.id);
  announceStock(deps, type.eventId);
  return type;
}

/**
 * Replaces a type's price tiers, in the shape the shop reads (`currentPriceTier`): listed order is
 * sort order. A tier that has sold keeps its id and count; removing one that sold is CONFLICT.
 * Audited with the tiers before and after.
 */
export async function setPriceTiers(deps: Pick<TBookingDeps, "db">, scope: TScope, input: TSetPriceTiersInput): Promise<TOrganizerTicketType> {
  return deps.db.$transaction(async (tx: Tx) => {
    const before = await lockTicketType(tx, scope.organizationId, input.ticketTypeId);
    const known = new Map(before.priceTiers.map((tier) => [tier.id, tier]));
    for (const tier of input.tiers) if (tier.id && !known.has(tier.id)) throw new AppError("NOT_FOUND", "Price tier not found.", { field: "tiers" });
    const kept = new Set(input.tiers.flatMap((tier) => (tier.id ? [tier.id] : [])));
    const removed = before.priceTiers.filter((tier) => !kept.has(tier.id));
    const sold = removed.filter((tier) => tier.soldCount > 0);
    if (sold.length > 0)
      throw new AppError("CONFLICT", "A price tier that has sold cannot be removed; end its window instead.", { tierIds: sold.map((t) => t.id) });
    const lines = await tx.orderLine.count({ where: { priceTierId: { in: removed.map((t) => t.id) } } });
    if (lines > 0) throw new AppError("CONFLICT", "A price tier with orders cannot be removed; end its window instead.");
    await tx.priceTier.deleteMany({ where: { id: { in: removed.map((t) => t.id) } } });
    for (const [index, { id, ...tier }] of input.tiers.entries()) {
      if (tier.validFrom && tier.validUntil && tier.validUntil <= tier.validFrom) {
        throw new AppError("VALIDATION_ERROR", "A tier's window must end after it starts.", { field: `tiers.${index}.validUntil` });
      }
      const data = { ...tier, sortOrder: index };
      if (id) await tx.priceTier.update({ where: { id }, data });
      else await tx.priceTier.create({ data: { ...data, ticketTypeId: before.id, currency: before.event.currency } });
    }
    const after = await tx.ticketType.findUniqueOrThrow({ where: { id: before.id }, include: withTiers });
    const summary = (tiers: typeof before.priceTiers) =>
      tiers.map((t) => ({
        name: t.name,
        priceMinor: t.priceMinor,
        validFrom: t.validFrom?.toISOString() ?? null,
        validUntil: t.validUntil?.toISOString() ?? null,
        quantityLimit: t.quantityLimit,
      }));
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: "ticket-type.price-change",
      targetType: "ticket-type",
      targetId: before.id,
      data: { eventId: before.eventId, before: summary(before.priceTiers), after: summary(after.priceTiers) },
    });
    return after;
  });
}

/** An event's ticket types with their tiers, archived ones too (the console's list). */
export async function listTicketTypes(deps: Pick<TBookingDeps, "db">, organizationId: string, eventId: string): Promise<TOrganizerTicketType[]> {
  const event = await deps.db.event.findFirst({ where: { id: eventId, organizationId }, select: { id: true } });
  if (!event) throw new AppError("NOT_FOUND", "Event not found.");
  return deps.db.ticketType.findMany({ where: { eventId }, include: withTiers, orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }] });
}
