import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
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
};

/**
 * The event and its active ticket types in one round trip (one row per type, the event's columns
 * repeated; one row with null type columns when it has none), checked to be on sale.
 */
export async function loadHoldEvent(db: Db, eventId: string, now: Date, options: TResolveOptions = {}): Promise<THoldEvent> {
  const rows = await db.$queryRaw<TEventTypeRow[]>`
    SELECT e.id, e.status::text AS status, e."onSaleAt", e."offSaleAt", e."seatMapId", e."holdTtlSeconds", e."maxPerOrder", e."maxPerBuyer", e."waitingRoomEnabled", e."waitingListEnabled",
      t.id AS "typeId", t.capacity, t."priceZoneId", t."minPerOrder", t."maxPerOrder" AS "maxPerOrder_type", t."salesStartAt", t."salesEndAt"
    FROM "Event" e LEFT JOIN "TicketType" t ON t."eventId" = e.id AND t.active
    WHERE e.id = ${eventId}::uuid
    ORDER BY t."sortOrder", t.id`;
  const event = rows[0];
  if (!event || event.status !== "PUBLISHED") throw new AppError("NOT_FOUND", "Event not found.");
  if (!options.doorSale && (event.onSaleAt > now || (event.offSaleAt && event.offSaleAt <= now))) throw new AppError("CONFLICT", "This event is not on sale.");
  const ticketTypes = rows
    .filter((row) => row.typeId !== null)
    .map((row) => ({
      id: row.typeId!,
      capacity: row.capacity,
      priceZoneId: row.priceZoneId,
      minPerOrder: row.minPerOrder!,
      maxPerOrder: row.maxPerOrder_type,
      salesStartAt: row.salesStartAt,
      salesEndAt: row.salesEndAt,
    }));
  const { id, seatMapId, holdTtlSeconds, maxPerOrder, maxPerBuyer, waitingRoomEnabled, waitingListEnabled } = event;
  return { id, seatMapId, holdTtlSeconds, maxPerOrder, maxPerBuyer, waitingRoomEnabled, waitingListEnabled, ticketTypes };
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
