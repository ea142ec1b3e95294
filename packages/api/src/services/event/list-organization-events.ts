import type { Db } from "@marquee/db";

/** An organisation's events with capacity and sales per event, newest first, for the console. */
export async function listOrganizationEvents(deps: { db: Db }, organizationId: string) {
  const events = await deps.db.event.findMany({
    where: { organizationId },
    orderBy: { startsAt: "desc" },
    include: {
      venue: { select: { name: true } },
      ticketTypes: { select: { capacity: true, soldCount: true, priceZoneId: true } },
      seatMap: { select: { _count: { select: { seats: { where: { blocked: false } } } } } },
      _count: { select: { tickets: { where: { status: "VALID" } } } },
    },
  });
  return events.map((event) => ({
    id: event.id,
    name: event.name,
    slug: event.slug,
    status: event.status,
    seatingMode: event.seatingMode,
    startsAt: event.startsAt,
    onSaleAt: event.onSaleAt,
    venueName: event.venue.name,
    waitingRoomEnabled: event.waitingRoomEnabled,
    // Reserved events sell their seats; general admission sells each type's capacity.
    capacity: event.seatingMode === "RESERVED" ? (event.seatMap?._count.seats ?? 0) : event.ticketTypes.reduce((sum, type) => sum + (type.capacity ?? 0), 0),
    ticketsSold: event._count.tickets,
  }));
}
