import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client.ts";
import { createFactories, type Factories } from "../testing/factories.ts";
import { testDatabaseUrl } from "../testing/global-setup.ts";

// The database itself refuses a double sale and an oversell, whatever the code above it does.

let db: Db;
let make: Factories;

beforeAll(() => {
  db = createDb(testDatabaseUrl(), { max: 4 });
  make = createFactories(db);
});
afterAll(() => db.$disconnect());

async function reservedEvent() {
  const organization = await make.organization();
  const venue = await make.venue(organization.id);
  const { seatMap, zone } = await make.seatMap(organization.id, venue.id, { rows: 1, seatsPerRow: 2 });
  const event = await make.event(organization.id, venue.id, { seatingMode: "RESERVED", seatMapId: seatMap.id });
  const ticketType = await make.ticketType(event.id, { capacity: null, priceZoneId: zone.id });
  const seat = await db.seat.findFirstOrThrow({ where: { seatMapId: seatMap.id } });
  return { organization, event, ticketType, seat };
}

const uniqueViolation = expect.objectContaining({ code: "P2002" });

describe("seat guards", () => {
  it("allow a seat in one live hold per event, and again once that hold has ended", async () => {
    const { event, ticketType, seat } = await reservedEvent();
    const hold = async () => {
      const cart = await make.cart({ eventId: event.id });
      return db.hold.create({
        data: {
          eventId: event.id,
          cartId: cart.id,
          expiresAt: new Date(Date.now() + 600_000),
          items: { create: { eventId: event.id, ticketTypeId: ticketType.id, seatId: seat.id } },
        },
      });
    };
    const first = await hold();
    await expect(hold()).rejects.toEqual(uniqueViolation);

    await db.$transaction([
      db.hold.update({ where: { id: first.id }, data: { status: "EXPIRED", endedAt: new Date() } }),
      db.holdItem.updateMany({ where: { holdId: first.id }, data: { live: false } }),
    ]);
    await expect(hold()).resolves.toMatchObject({ status: "ACTIVE" });
  });

  it("allow a seat in one active order line per event; a refunded line frees it", async () => {
    const { organization, event, ticketType, seat } = await reservedEvent();
    const order = async () =>
      db.order.create({
        data: {
          reference: `T-${crypto.randomUUID()}`,
          organizationId: organization.id,
          eventId: event.id,
          buyerName: "Ann",
          buyerEmail: "ann@example.test",
          currency: "EUR",
          subtotalMinor: 2500,
          totalMinor: 2500,
          lines: { create: { eventId: event.id, ticketTypeId: ticketType.id, seatId: seat.id, unitPriceMinor: 2500, totalMinor: 2500 } },
        },
        include: { lines: true },
      });
    const first = await order();
    await expect(order()).rejects.toEqual(uniqueViolation);
    await db.orderLine.update({ where: { id: first.lines[0]!.id }, data: { status: "REFUNDED" } });
    await expect(order()).resolves.toBeDefined();
  });

  it("refuse two seats' worth on one seat line", async () => {
    const { event, ticketType, seat } = await reservedEvent();
    const cart = await make.cart({ eventId: event.id });
    const hold = await db.hold.create({ data: { eventId: event.id, cartId: cart.id, expiresAt: new Date(Date.now() + 600_000) } });
    await expect(
      db.holdItem.create({ data: { holdId: hold.id, eventId: event.id, ticketTypeId: ticketType.id, seatId: seat.id, quantity: 2 } }),
    ).rejects.toThrow(/HoldItem_quantity_valid/);
  });
});

describe("general admission and money guards", () => {
  it("never let soldCount pass capacity, even under concurrent increments", async () => {
    const { ticketType } = await make.gaEvent({ capacity: 5 });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => db.ticketType.update({ where: { id: ticketType.id }, data: { soldCount: { increment: 1 } } })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5);
    expect((await db.ticketType.findUniqueOrThrow({ where: { id: ticketType.id } })).soldCount).toBe(5);
  });

  it("refuse refunds above the order total and malformed currencies", async () => {
    const { organization, event } = await make.gaEvent();
    const base = { organizationId: organization.id, eventId: event.id, buyerName: "B", buyerEmail: "b@example.test", subtotalMinor: 1000, totalMinor: 1000 };
    await expect(db.order.create({ data: { ...base, reference: `T-${crypto.randomUUID()}`, currency: "EUR", refundedMinor: 1001 } })).rejects.toThrow(
      /Order_money_valid/,
    );
    await expect(db.order.create({ data: { ...base, reference: `T-${crypto.randomUUID()}`, currency: "eur" } })).rejects.toThrow(/Order_currency_iso/);
  });

  it("keep e-mail addresses lower-case so they stay unique", async () => {
    await expect(make.user({ email: "Mixed@Example.test" })).rejects.toThrow(/User_email_lowercase/);
  });
});
