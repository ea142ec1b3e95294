// event.bestSeats through createCaller with real PostgreSQL and Redis: live holds and sales are
// never suggested, bad input and other maps' zones are refused.
import { describe, expect, it } from "vitest";
import { kitCart } from "../services/booking/booking-test-kit.ts";
import { useHarness } from "../testing/harness.ts";

const h = useHarness();

/** Rows A and B of 6 seats at x 0..100 (pitch 20) on a 200-wide map: the stage centre is above seat 6. */
async function reservedEvent() {
  const organization = await h.make.organization();
  const venue = await h.make.venue(organization.id);
  const { seatMap, zone } = await h.make.seatMap(organization.id, venue.id, { rows: 2, seatsPerRow: 6 });
  await h.db.seatMap.update({ where: { id: seatMap.id }, data: { width: 200 } });
  const event = await h.make.event(organization.id, venue.id, { seatMapId: seatMap.id, seatingMode: "RESERVED", maxPerOrder: 6 });
  await h.make.ticketType(event.id, { capacity: null, priceZoneId: zone.id });
  const seats = await h.db.seat.findMany({ where: { seatMapId: seatMap.id }, select: { id: true, label: true, row: { select: { label: true } } } });
  const seat = (name: string) => seats.find((s) => `${s.row.label}${s.label}` === name)!.id;
  return { organization, venue, seatMap, zone, event, seat };
}

describe("event.bestSeats (public)", () => {
  it("suggests adjacent free seats nearest the stage centre, skipping seats another buyer holds", async () => {
    const { event, zone, seat } = await reservedEvent();
    const anyone = await h.callerAs(null);
    expect(await anyone.event.bestSeats({ eventId: event.id, priceZoneId: zone.id, count: 2 })).toEqual({ seatIds: [seat("A5"), seat("A6")], adjacent: true });

    // Another buyer holds A5: the suggestion moves off it, one row back (closer than A3-A4).
    const other = await h.callerAs(null, { request: { cartToken: (await kitCart(h)).token, admissionToken: null } });
    await other.hold.create({ eventId: event.id, items: [{ seatId: seat("A5") }] });
    expect(await anyone.event.bestSeats({ eventId: event.id, priceZoneId: zone.id, count: 2 })).toEqual({ seatIds: [seat("B5"), seat("B6")], adjacent: true });
    const availability = await anyone.availability.get({ eventId: event.id });
    expect(availability.heldSeatIds).toEqual([seat("A5")]);

    // Five seats: row A has A1-A4 and A6 free, so the block goes to row B.
    expect(await anyone.event.bestSeats({ eventId: event.id, priceZoneId: zone.id, count: 5 })).toEqual({
      seatIds: ["B2", "B3", "B4", "B5", "B6"].map(seat),
      adjacent: true,
    });
  });

  it("falls back to the nearest free seats when no block is free, and answers none when too few are", async () => {
    const { event, zone, seat } = await reservedEvent();
    const other = await h.callerAs(null, { request: { cartToken: (await kitCart(h)).token, admissionToken: null } });
    await other.hold.create({ eventId: event.id, items: ["A2", "A4", "A6", "B1", "B3", "B5"].map((name) => ({ seatId: seat(name) })) });
    const anyone = await h.callerAs(null);
    const result = await anyone.event.bestSeats({ eventId: event.id, priceZoneId: zone.id, count: 3 });
    expect(result.adjacent).toBe(false);
    expect(result.seatIds).toHaveLength(3);
    expect(result.seatIds).toContain(seat("A5"));
    for (const id of result.seatIds) expect(["A1", "A3", "A5", "B2", "B4", "B6"].map(seat)).toContain(id);

    await h.db.event.update({ where: { id: event.id }, data: { maxPerOrder: 10 } });
    expect(await anyone.event.bestSeats({ eventId: event.id, priceZoneId: zone.id, count: 7 })).toEqual({ seatIds: [], adjacent: false });
  });

  it("refuses bad input, another map's zone, a count over the event's limit, drafts and unknown events, changing nothing", async () => {
    const { event, zone } = await reservedEvent();
    const elsewhere = await reservedEvent();
    const anyone = await h.callerAs(null);
    for (const input of [
      { eventId: event.id, priceZoneId: zone.id, count: 0 },
      { eventId: event.id, priceZoneId: zone.id, count: 21 },
      { eventId: event.id, priceZoneId: zone.id, count: 1.5 },
      { eventId: event.id, priceZoneId: "stalls", count: 2 },
      { eventId: event.id, priceZoneId: zone.id, count: 2, extra: true },
    ]) {
      await expect(anyone.event.bestSeats(input as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(anyone.event.bestSeats({ eventId: event.id, priceZoneId: elsewhere.zone.id, count: 2 })).rejects.toMatchObject({
      cause: { code: "NOT_FOUND" },
    });
    await expect(anyone.event.bestSeats({ eventId: event.id, priceZoneId: zone.id, count: 7 })).rejects.toMatchObject({
      cause: { code: "LIMIT_EXCEEDED", details: { limit: 6 } },
    });
    await expect(anyone.event.bestSeats({ eventId: crypto.randomUUID(), priceZoneId: zone.id, count: 2 })).rejects.toMatchObject({
      cause: { code: "NOT_FOUND" },
    });
    await h.db.event.update({ where: { id: event.id }, data: { status: "DRAFT" } });
    await expect(anyone.event.bestSeats({ eventId: event.id, priceZoneId: zone.id, count: 2 })).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    expect(await h.db.holdItem.count({ where: { eventId: event.id } })).toBe(0);
  });
});
