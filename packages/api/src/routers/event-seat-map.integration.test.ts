import { describe, expect, it } from "vitest";
import { fixedClock } from "../clock.ts";
import { useHarness } from "../testing/harness.ts";

const h = useHarness();
const DAY = 86_400_000;

async function reservedEvent(overrides: Parameters<typeof h.make.event>[2] = {}) {
  const organization = await h.make.organization();
  const venue = await h.make.venue(organization.id);
  const { seatMap, zone, section } = await h.make.seatMap(organization.id, venue.id, { rows: 2, seatsPerRow: 3 });
  await h.db.section.update({ where: { id: section.id }, data: { shape: { x: 0, y: -10, width: 100, height: 50 } } });
  const event = await h.make.event(organization.id, venue.id, { seatMapId: seatMap.id, seatingMode: "RESERVED", ...overrides });
  return { organization, venue, seatMap, zone, section, event };
}

describe("event.seatMap (public)", () => {
  it("answers the canvas, sections, zones with the ticket types and prices on sale now, and every seat", async () => {
    const { seatMap, zone, section, event } = await reservedEvent();
    const now = new Date();
    const premium = await h.db.ticketType.create({
      data: {
        eventId: event.id,
        name: "Stalls",
        capacity: null,
        priceZoneId: zone.id,
        priceTiers: {
          create: [
            { name: "Early bird", priceMinor: 3900, currency: "EUR", sortOrder: 0, validUntil: new Date(now.getTime() - DAY) },
            { name: "Regular", priceMinor: 5900, currency: "EUR", sortOrder: 1 },
          ],
        },
      },
      include: { priceTiers: true },
    });
    await h.make.ticketType(event.id, { name: "Inactive", capacity: null, priceZoneId: zone.id, active: false });
    await h.make.ticketType(event.id, { name: "Standing extra", capacity: 10 });

    const caller = await h.callerAs(null, { clock: fixedClock(now) });
    const map = await caller.event.seatMap({ eventId: event.id });

    expect(map).toMatchObject({ eventId: event.id, seatMapId: seatMap.id, version: 1, width: 1000, height: 800, currency: "EUR" });
    expect(map.sections).toEqual([{ id: section.id, name: "Stalls", kind: "SEATED", shape: { x: 0, y: -10, width: 100, height: 50 } }]);
    const regular = premium.priceTiers.find((tier) => tier.name === "Regular")!;
    expect(map.priceZones).toEqual([
      {
        id: zone.id,
        name: "Standard",
        color: "#4f46e5",
        ticketTypes: [{ ticketTypeId: premium.id, name: "Stalls", price: { priceTierId: regular.id, name: "Regular", priceMinor: 5900, currency: "EUR" } }],
      },
    ]);
    expect(map.seats).toHaveLength(6);
    expect(map.seats[0]).toMatchObject({
      label: "1",
      rowLabel: "A",
      sectionId: section.id,
      x: 0,
      y: 0,
      priceZoneId: zone.id,
      accessible: false,
      blocked: false,
    });
    expect(map.seats.map((seat) => `${seat.rowLabel}${seat.label}`)).toEqual(["A1", "A2", "A3", "B1", "B2", "B3"]);

    // event.get names the same tier as the current one.
    const detail = await caller.event.get({ idOrSlug: event.slug });
    expect(detail.ticketTypes.find((type) => type.id === premium.id)?.currentPriceId).toBe(regular.id);
  });

  it("serves a changed layout once the map's version moves (the layout is cached per id and version)", async () => {
    const { seatMap, event } = await reservedEvent();
    const caller = await h.callerAs(null);
    const first = await caller.event.seatMap({ eventId: event.id });
    const seat = first.seats[0]!;
    await h.db.seat.update({ where: { id: seat.id }, data: { blocked: true, accessible: true } });

    const cached = await caller.event.seatMap({ eventId: event.id });
    expect(cached.seats[0]).toMatchObject({ id: seat.id, blocked: false });

    await h.db.seatMap.update({ where: { id: seatMap.id }, data: { version: { increment: 1 } } });
    const fresh = await caller.event.seatMap({ eventId: event.id });
    expect(fresh.version).toBe(2);
    expect(fresh.seats.find((s) => s.id === seat.id)).toMatchObject({ blocked: true, accessible: true });
  });

  it("is NOT_FOUND for drafts, unknown events and general admission events", async () => {
    const caller = await h.callerAs(null);
    const draft = await reservedEvent({ status: "DRAFT" });
    await expect(caller.event.seatMap({ eventId: draft.event.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.event.seatMap({ eventId: crypto.randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { event: ga } = await h.make.gaEvent();
    await expect(caller.event.seatMap({ eventId: ga.id })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("no seat map") });
  });

  it("rejects a malformed id with a validation error", async () => {
    const caller = await h.callerAs(null);
    await expect(caller.event.seatMap({ eventId: "hamlet" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
