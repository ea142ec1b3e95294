import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import type { TTier } from "../checkout/price-hold.ts";
import type { TLatestPriceVersion } from "../pricing/current-prices.ts";
import type { TCreateHoldInput } from "./hold-schemas.ts";

export interface THoldEvent {
  id: string;
  seatMapId: string | null;
  holdTtlSeconds: number;
  maxPerOrder: number;
  maxPerBuyer: number | null;
  waitingRoomEnabled: boolean;
  /** Public holds on a type with people in line are refused (services/waiting-list). */
  waitingListEnabled: boolean;
  /** The event's active ticket types (sortOrder, id), read with the event in one query. */
  ticketTypes: TTicketTypeRow[];
  /**
   * The price tiers and latest demand versions of those types, read in the same query, so the
   * hold's prices (holdPrices) cost no round trip of their own; absent: read them on demand.
   */
  priceRows?: { tiers: TTier[]; latest: Map<string, TLatestPriceVersion> };
}

/** The cart a token names, read in the same round trip as the event (loadHoldEventForCart). */
export interface THoldCart {
  id: string;
  userId: string | null;
  expiresAt: Date;
}

/** A hold request checked against the catalogue: GA quantities merged per type, seats with their type. */
export interface TResolvedHold {
  event: THoldEvent;
  ga: Map<string, number>;
  seats: { seatId: string; ticketTypeId: string }[];
}

export interface TTicketTypeRow {
  id: string;
  capacity: number | null;
  priceZoneId: string | null;
  minPerOrder: number;
  maxPerOrder: number | null;
  salesStartAt: Date | null;
  salesEndAt: Date | null;
}

const invalid = (message: string) => new AppError("VALIDATION_ERROR", message);

/** `doorSale`: the box office sells after online sales close, so the event's and types' sales windows do not apply (capacity and limits still do). */
export interface TResolveOptions {
  doorSale?: boolean;
}

type TEventTypeRow = Omit<THoldEvent, "ticketTypes"> & {
  status: string;
  onSaleAt: Date;
  offSaleAt: Date | null;
  typeId: string | null;
  capacity: number | null;
  priceZoneId: string | null;
  minPerOrder: number | null;
  maxPerOrder_type: number | null;
  salesStartAt: Date | null;
  salesEndAt: Date | null;
  /** PriceTier rows of the type, timestamps as epoch milliseconds. */
  tiers: (Omit<TTier, "validFrom" | "validUntil"> & { validFrom: number | null; validUntil: number | null })[] | null;
  demand: TLatestPriceVersion | null;
  cart: { id: string; userId: string | null; expiresAt: number } | null;
};

const epoch = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));

/**
 * The event, its active ticket types with their price tiers and latest demand price, and (given a
 * cart token's hash) that cart, in one round trip: one row per type, the event's columns repeated;
 * one row with null type columns when it has none, and one row of nulls when the event does not exist.
 */
async function queryHoldEvent(db: Db, eventId: string, cartTokenHash: string | null): Promise<TEventTypeRow[]> {
  return db.$queryRaw<TEventTypeRow[]>`
    SELECT e.id, e.status::text AS status, e."onSaleAt", e."offSaleAt", e."seatMapId", e."holdTtlSeconds", e."maxPerOrder", e."maxPerBuyer", e."waitingRoomEnabled", e."waitingListEnabled",
      t.id AS "typeId", t.capacity, t."priceZoneId", t."minPerOrder", t."maxPerOrder" AS "maxPerOrder_type", t."salesStartAt", t."salesEndAt",
      (SELECT json_agg(json_build_object('id', p.id, 'ticketTypeId', p."ticketTypeId", 'priceMinor', p."priceMinor", 'currency', p.currency, 'taxRateBp', p."taxRateBp",
          'validFrom', floor(extract(epoch FROM p."validFrom") * 1000), 'validUntil', floor(extract(epoch FROM p."validUntil") * 1000),
          'quantityLimit', p."quantityLimit", 'soldCount', p."soldCount", 'sortOrder', p."sortOrder"))
        FROM "PriceTier" p WHERE p."ticketTypeId" = t.id) AS tiers,
      (SELECT json_build_object('id', v.id, 'version', v.version, 'priceMinor', v."priceMinor")
        FROM "DemandPricing" d JOIN "PriceVersion" v ON v."ticketTypeId" = d."ticketTypeId"
        WHERE d."ticketTypeId" = t.id AND d.enabled ORDER BY v.version DESC LIMIT 1) AS demand,
      (SELECT json_build_object('id', c.id, 'userId', c."userId", 'expiresAt', floor(extract(epoch FROM c."expiresAt") * 1000))
        FROM "Cart" c WHERE c."tokenHash" = ${cartTokenHash}) AS cart
    FROM (VALUES (1)) AS one (x)
      LEFT JOIN "Event" e ON e.id = ${eventId}::uuid
      LEFT JOIN "TicketType" t ON t."eventId" = e.id AND t.active
    ORDER BY t."sortOrder", t.id`;
}

/** The rows as a THoldEvent, checked to be on sale. */
function holdEventFrom(rows: TEventTypeRow[], now: Date, options: TResolveOptions): THoldEvent {
  const event = rows[0];
  if (!event?.id || event.status !== "PUBLISHED") throw new AppError("NOT_FOUND", "Event not found.");
  if (!options.doorSale && (event.onSaleAt > now || (event.offSaleAt && event.offSaleAt <= now))) throw new AppError("CONFLICT", "This event is not on sale.");
  const typeRows = rows.filter((row) => row.typeId !== null);
  const ticketTypes = typeRows.map((row) => ({
    id: row.typeId!,
    capacity: row.capacity,
    priceZoneId: row.priceZoneId,
    minPerOrder: row.minPerOrder!,
    maxPerOrder: row.maxPerOrder_type,
    salesStartAt: row.salesStartAt,
    salesEndAt: row.salesEndAt,
  }));
  const tiers = typeRows.flatMap((row) => (row.tiers ?? []).map((tier) => ({ ...tier, validFrom: epoch(tier.validFrom), validUntil: epoch(tier.validUntil) })));
  const latest = new Map(typeRows.filter((row) => row.demand).map((row) => [row.typeId!, row.demand!]));
  const { id, seatMapId, holdTtlSeconds, maxPerOrder, maxPerBuyer, waitingRoomEnabled, waitingListEnabled } = event;
  return { id, seatMapId, holdTtlSeconds, maxPerOrder, maxPerBuyer, waitingRoomEnabled, waitingListEnabled, ticketTypes, priceRows: { tiers, latest } };
}

/** The event and its active ticket types (with their prices) in one round trip, checked to be on sale. */
export async function loadHoldEvent(db: Db, eventId: string, now: Date, options: TResolveOptions = {}): Promise<THoldEvent> {
  return holdEventFrom(await queryHoldEvent(db, eventId, null), now, options);
}

/**
 * The buyer's hot path: the cart a token's hash names (null when unknown or expired) and the event,
 * in one round trip. The cart is answered first, so a caller refuses a bad cart before anything
 * about the event (as the cart-first procedures do).
 */
export async function loadHoldEventForCart(
  db: Db,
  eventId: string,
  cartTokenHash: string,
  now: Date,
): Promise<{ cart: THoldCart | null; event: () => THoldEvent }> {
  const rows = await queryHoldEvent(db, eventId, cartTokenHash);
  const row = rows[0]?.cart ?? null;
  const cart = row && Number(row.expiresAt) > now.getTime() ? { id: row.id, userId: row.userId, expiresAt: new Date(Number(row.expiresAt)) } : null;
  return { cart, event: () => holdEventFrom(rows, now, {}) };
}

function splitItems(items: TCreateHoldInput["items"]) {
  const ga = new Map<string, number>();
  const seats = new Map<string, string | undefined>();
  for (const item of items) {
    if ("seatId" in item) {
      if (seats.has(item.seatId)) throw invalid("A seat appears twice in this hold.");
      seats.set(item.seatId, item.ticketTypeId);
    } else {
      ga.set(item.ticketTypeId, (ga.get(item.ticketTypeId) ?? 0) + item.quantity);
    }
  }
  return { ga, seats };
}

function checkOnSale(type: TTicketTypeRow, now: Date, options: TResolveOptions): void {
  if (options.doorSale) return;
  if ((type.salesStartAt && type.salesStartAt > now) || (type.salesEndAt && type.salesEndAt <= now)) {
    throw new AppError("CONFLICT", "This ticket type is not on sale.");
  }
}

async function resolveSeats(
  db: Db,
  event: THoldEvent,
  requested: Map<string, string | undefined>,
  types: TTicketTypeRow[],
  now: Date,
  options: TResolveOptions,
) {
  if (requested.size === 0) return [];
  if (!event.seatMapId) throw invalid("This event has no seat map.");
  const seats = await db.seat.findMany({
    where: { id: { in: [...requested.keys()] }, seatMapId: event.seatMapId },
    select: { id: true, priceZoneId: true, blocked: true },
  });
  if (seats.length !== requested.size) throw new AppError("NOT_FOUND", "Seat not found.");
  // Blocked after the inventory was built: Redis would not know yet.
  const blocked = seats.find((seat) => seat.blocked);
  if (blocked) throw new AppError("SEAT_TAKEN", "That seat is not available.", { seatId: blocked.id });
  return seats.map((seat) => {
    const wanted = requested.get(seat.id);
    const type = wanted ? types.find((t) => t.id === wanted) : types.find((t) => t.priceZoneId === seat.priceZoneId);
    if (!type) throw new AppError("NOT_FOUND", "No ticket type on sale for this seat.");
    if (type.priceZoneId !== seat.priceZoneId) throw invalid("This ticket type does not sell this seat.");
    checkOnSale(type, now, options);
    return { seatId: seat.id, ticketTypeId: type.id };
  });
}

/** Per-order limits: the event's maxPerOrder and each type's min/max per order. */
function checkOrderLimits(resolved: TResolvedHold, types: TTicketTypeRow[]): void {
  const perType = new Map(resolved.ga);
  for (const seat of resolved.seats) perType.set(seat.ticketTypeId, (perType.get(seat.ticketTypeId) ?? 0) + 1);
  const total = [...perType.values()].reduce((sum, n) => sum + n, 0);
  if (total > resolved.event.maxPerOrder)
    throw new AppError("LIMIT_EXCEEDED", `At most ${resolved.event.maxPerOrder} tickets per order.`, { limit: resolved.event.maxPerOrder });
  for (const [typeId, count] of perType) {
    const type = types.find((t) => t.id === typeId)!;
    if (count < type.minPerOrder || (type.maxPerOrder !== null && count > type.maxPerOrder)) {
      throw new AppError("LIMIT_EXCEEDED", "Quantity outside this ticket type's per-order limits.", {
        ticketTypeId: typeId,
        min: type.minPerOrder,
        max: type.maxPerOrder,
      });
    }
  }
}

/** Checks a hold request against PostgreSQL's catalogue (read-only) and the per-order limits. */
export async function resolveHoldRequest(db: Db, event: THoldEvent, input: TCreateHoldInput, now: Date, options: TResolveOptions = {}): Promise<TResolvedHold> {
  const { ga, seats } = splitItems(input.items);
  const types = event.ticketTypes;
  for (const typeId of ga.keys()) {
    const type = types.find((t) => t.id === typeId);
    if (!type) throw new AppError("NOT_FOUND", "Ticket type not found.");
    if (type.capacity === null) throw invalid("This ticket type sells named seats: hold seats instead.");
    checkOnSale(type, now, options);
  }
  const resolved: TResolvedHold = { event, ga, seats: await resolveSeats(db, event, seats, types, now, options) };
  checkOrderLimits(resolved, types);
  return resolved;
}
