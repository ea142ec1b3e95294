import { randomUUID } from "node:crypto";
import type { OrderLineStatus } from "@marquee/db";
import { TEST_TICKET_KEY_SECRET } from "@marquee/db/testing";
import { systemClock } from "../../clock.ts";
import type { Harness } from "../../testing/harness.ts";
import type { TTicketDeps } from "./types.ts";

/** Services' deps on the harness: the factories' keys are encrypted with TEST_TICKET_KEY_SECRET. */
export const ticketDeps = (h: Harness, overrides: Partial<TTicketDeps> = {}): TTicketDeps => ({
  db: h.db,
  clock: systemClock,
  ticketKeySecret: TEST_TICKET_KEY_SECRET,
  ...overrides,
});

/** A reserved-seating event (2 x 5 seats, rows A-B of section "Stalls") with a GA and a seated type. */
export async function seatedEvent(h: Harness) {
  const organization = await h.make.organization();
  const venue = await h.make.venue(organization.id);
  const { seatMap, zone } = await h.make.seatMap(organization.id, venue.id);
  const event = await h.make.event(organization.id, venue.id, {
    seatMapId: seatMap.id,
    seatingMode: "RESERVED",
    doorsAt: new Date(Date.now() + 23 * 60 * 60 * 1000),
  });
  const gaType = await h.make.ticketType(event.id, { name: "Standing" });
  const seatedType = await h.make.ticketType(event.id, { name: "Stalls seat", capacity: null, priceZoneId: zone.id });
  const seats = await h.db.seat.findMany({
    where: { seatMapId: seatMap.id },
    include: { row: true, section: true },
    orderBy: [{ row: { sortOrder: "asc" } }, { x: "asc" }],
  });
  return { organization, event, gaType, seatedType, seats };
}

type TKitEvent = Awaited<ReturnType<typeof seatedEvent>>;

/** An order with a GA line of `gaQuantity` and one seated line (seat `seatIndex`), written directly. */
export async function orderWithLines(
  h: Harness,
  kit: TKitEvent,
  { gaQuantity = 3, seatIndex = 0, status = "ACTIVE" as OrderLineStatus, buyerName = "Grace Hopper" } = {},
) {
  const seat = kit.seats[seatIndex]!;
  return h.db.order.create({
    data: {
      reference: `MQ-T${randomUUID().slice(0, 8)}`,
      organizationId: kit.organization.id,
      eventId: kit.event.id,
      buyerName,
      buyerEmail: "grace@example.test",
      currency: "EUR",
      subtotalMinor: (gaQuantity + 1) * 2500,
      totalMinor: (gaQuantity + 1) * 2500,
      lines: {
        create: [
          { eventId: kit.event.id, ticketTypeId: kit.gaType.id, quantity: gaQuantity, unitPriceMinor: 2500, totalMinor: gaQuantity * 2500, status },
          { eventId: kit.event.id, ticketTypeId: kit.seatedType.id, seatId: seat.id, quantity: 1, unitPriceMinor: 2500, totalMinor: 2500, status },
        ],
      },
    },
    include: { lines: true },
  });
}
