import { getAvailability } from "../booking/get-availability.ts";
import type { TBookingDeps } from "../booking/types.ts";
import { tierOnSale } from "../checkout/price-hold.ts";
import type { TBoxOfficeEventsOutput } from "./box-office-schemas.ts";

const MAX_EVENTS = 20;

/** Free seats per price zone: the map's seats that are neither blocked nor held or sold now. */
async function freeSeatsByZone(deps: TBookingDeps, seatMapId: string, unavailable: Set<string>): Promise<Map<string, number>> {
  const seats = await deps.db.seat.findMany({ where: { seatMapId, blocked: false }, select: { id: true, priceZoneId: true } });
  const free = new Map<string, number>();
  for (const seat of seats) if (!unavailable.has(seat.id)) free.set(seat.priceZoneId, (free.get(seat.priceZoneId) ?? 0) + 1);
  return free;
}

/**
 * What the box office can sell: the organisation's published events that have not ended, soonest
 * first (tonight's show on top), each active ticket type with the price a sale charges now and the
 * stock left as the inventory has it (Redis, rebuilt from PostgreSQL when missing).
 */
export async function listBoxOfficeEvents(deps: TBookingDeps, organizationId: string): Promise<TBoxOfficeEventsOutput> {
  const now = deps.clock.now();
  const events = await deps.db.event.findMany({
    where: { organizationId, status: "PUBLISHED", endsAt: { gt: now } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: MAX_EVENTS,
    select: {
      id: true,
      name: true,
      startsAt: true,
      endsAt: true,
      currency: true,
      seatMapId: true,
      maxPerOrder: true,
      ticketTypes: {
        where: { active: true },
        orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
        select: { id: true, name: true, priceZoneId: true, capacity: true, priceTiers: true },
      },
    },
  });
  return {
    events: await Promise.all(
      events.map(async (event) => {
        const availability = await getAvailability(deps, event.id);
        const ga = new Map(availability.ticketTypes.map((type) => [type.ticketTypeId, type.available]));
        const seats = event.seatMapId ? await freeSeatsByZone(deps, event.seatMapId, new Set(availability.unavailableSeatIds)) : new Map<string, number>();
        return {
          id: event.id,
          name: event.name,
          startsAt: event.startsAt,
          endsAt: event.endsAt,
          currency: event.currency,
          seated: event.seatMapId !== null,
          maxPerOrder: event.maxPerOrder,
          ticketTypes: event.ticketTypes.map((type) => {
            const tier = tierOnSale(type.priceTiers, type.id, 1, now);
            return {
              id: type.id,
              name: type.name,
              priceZoneId: type.priceZoneId,
              priceMinor: tier && tier.currency === event.currency ? tier.priceMinor : null,
              available: Math.max(0, type.capacity === null ? (seats.get(type.priceZoneId ?? "") ?? 0) : (ga.get(type.id) ?? 0)),
            };
          }),
        };
      }),
    ),
  };
}
