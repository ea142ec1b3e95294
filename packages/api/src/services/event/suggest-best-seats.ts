import { z } from "zod";
import { AppError } from "../../errors.ts";
import { getAvailability } from "../booking/get-availability.ts";
import type { TBookingDeps } from "../booking/types.ts";
import { currentPriceTier } from "./current-price.ts";
import { findBestSeats } from "./find-best-seats.ts";

/** The most seats one search may ask for; the event's own per-order limit may be lower. */
export const MAX_BEST_SEATS = 20;

export const ZBestSeatsInput = z.strictObject({
  eventId: z.uuid(),
  priceZoneId: z.uuid(),
  count: z.number().int().min(1).max(MAX_BEST_SEATS),
});
export type TBestSeatsInput = z.infer<typeof ZBestSeatsInput>;

export const ZBestSeatsOutput = z.object({
  /** Left to right in one row when adjacent; empty when the zone has fewer free seats than asked for. */
  seatIds: z.array(z.uuid()),
  /** False: no block of neighbouring seats was free, these are the nearest free seats instead. */
  adjacent: z.boolean(),
});
export type TBestSeatsOutput = z.infer<typeof ZBestSeatsOutput>;

/**
 * "Best available" for a reserved-seating event: `count` free seats of one price zone, next to
 * each other in one row and as close to the middle of the stage (top centre of the map) as
 * possible, else the nearest free seats (findBestSeats). Availability is the live inventory
 * (held, sold and blocked seats are never suggested). A suggestion reserves nothing: the hold does.
 */
export async function suggestBestSeats(deps: TBookingDeps, rawInput: TBestSeatsInput): Promise<TBestSeatsOutput> {
  const { eventId, priceZoneId, count } = ZBestSeatsInput.parse(rawInput);
  const event = await deps.db.event.findUnique({
    where: { id: eventId },
    select: {
      status: true,
      maxPerOrder: true,
      seatMap: { select: { id: true, width: true } },
      ticketTypes: { where: { active: true, priceZoneId }, select: { priceTiers: true } },
    },
  });
  if (!event || event.status !== "PUBLISHED") throw new AppError("NOT_FOUND", "Event not found.");
  if (!event.seatMap) throw new AppError("NOT_FOUND", "This event has no seat map (general admission).");
  const zone = await deps.db.priceZone.findFirst({ where: { id: priceZoneId, seatMapId: event.seatMap.id }, select: { id: true } });
  if (!zone) throw new AppError("NOT_FOUND", "This price zone is not part of the event's seat map.");
  const now = deps.clock.now();
  if (!event.ticketTypes.some((type) => currentPriceTier(type.priceTiers, now))) throw new AppError("NOT_FOUND", "This price zone is not on sale.");
  if (count > event.maxPerOrder) {
    throw new AppError("LIMIT_EXCEEDED", `At most ${event.maxPerOrder} seats per order.`, { limit: event.maxPerOrder });
  }

  const [seats, availability] = await Promise.all([
    deps.db.seat.findMany({
      where: { seatMapId: event.seatMap.id },
      select: { id: true, sectionId: true, x: true, y: true, priceZoneId: true, blocked: true, row: { select: { label: true } } },
    }),
    getAvailability(deps, eventId),
  ]);
  const unavailable = new Set(availability.unavailableSeatIds);
  const open = new Set(seats.filter((seat) => seat.priceZoneId === priceZoneId && !seat.blocked && !unavailable.has(seat.id)).map((seat) => seat.id));
  return findBestSeats({
    seats: seats.map((seat) => ({ id: seat.id, sectionId: seat.sectionId, rowLabel: seat.row.label, x: seat.x, y: seat.y })),
    open,
    count,
    focus: { x: event.seatMap.width / 2, y: 0 },
  });
}
