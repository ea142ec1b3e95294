// The saga's first step: a checked-out hold becomes the sale (lines ACTIVE, soldCount, hold
// CONVERTED, Redis seats sold) once; a payment after the hold ended is honoured only while the
// stock is still free.
import { startStripeTestServer, type StripeTestServer } from "@marquee/dev/services/stripe-local/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, systemClock } from "../../clock.ts";
import { readStripeEnv } from "../../env.ts";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps, kitCart, seatedEvent } from "../booking/booking-test-kit.ts";
import { createHold } from "../booking/create-hold.ts";
import { expireHold } from "../booking/end-hold.ts";
import { getAvailability } from "../booking/get-availability.ts";
import { inventoryKeys } from "../booking/inventory-keys.ts";
import { createStripeSettings, type StripeSettings } from "../payments/stripe-client.ts";
import { checkout } from "./checkout.ts";
import { finalizeSale } from "./finalize-sale.ts";

const h = useHarness();
let stripeServer: StripeTestServer;
let settings: StripeSettings;
beforeAll(async () => {
  stripeServer = await startStripeTestServer({});
  settings = createStripeSettings(readStripeEnv({ NODE_ENV: "test", STRIPE_API_URL: stripeServer.url }), { maxNetworkRetries: 0 });
});
afterAll(() => stripeServer.stop());

const buyer = { name: "Grace Hopper", email: "grace@example.com" };
const noAdmission = { admissionToken: null };
const deps = () => ({ db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, clock: systemClock });
const order = (cart: Awaited<ReturnType<typeof kitCart>>, holdId: string) =>
  checkout({ db: h.db, stripe: settings.client, clock: systemClock }, cart, { holdId, buyer, locale: "en" });

describe("finalizeSale", () => {
  it("turns a live GA hold into the sale once, however often it runs", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    const cart = await kitCart(h);
    const hold = await createHold(bookingDeps(h), cart, noAdmission, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 2 }] });
    const { id } = await order(cart, hold.id);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => finalizeSale(deps(), id)));
    expect(outcomes.filter((o) => o === "FINAL")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "ALREADY_FINAL")).toHaveLength(7);
    expect((await h.db.ticketType.findUniqueOrThrow({ where: { id: ticketType.id } })).soldCount).toBe(2);
    expect(await h.db.orderLine.findMany({ where: { orderId: id }, select: { status: true } })).toEqual([{ status: "ACTIVE" }]);
    expect(await h.db.hold.findUniqueOrThrow({ where: { id: hold.id }, include: { items: true } })).toMatchObject({
      status: "CONVERTED",
      items: [{ live: false }],
    });
    // Stock stays taken (held + sold constant), the hold key is gone, and expiry changes nothing.
    expect((await getAvailability(bookingDeps(h), event.id)).ticketTypes[0]!.available).toBe(8);
    expect(await h.redis.exists(inventoryKeys(h.redisPrefix, event.id).hold(hold.id))).toBe(0);
    expect(await expireHold(bookingDeps(h, fixedClock(new Date(hold.expiresAt.getTime() + 1))), hold.id)).toBe(false);
    expect((await getAvailability(bookingDeps(h), event.id)).ticketTypes[0]!.available).toBe(8);
  });

  it("marks sold seats in Redis: nobody can hold them again", async () => {
    const { event, seatIds } = await seatedEvent(h);
    const cart = await kitCart(h);
    const hold = await createHold(bookingDeps(h), cart, noAdmission, { eventId: event.id, items: [{ seatId: seatIds[0]! }] });
    expect(await finalizeSale(deps(), (await order(cart, hold.id)).id)).toBe("FINAL");
    expect(await h.redis.hget(inventoryKeys(h.redisPrefix, event.id).seats, seatIds[0]!)).toBe("S");
    await expect(createHold(bookingDeps(h), await kitCart(h), noAdmission, { eventId: event.id, items: [{ seatId: seatIds[0]! }] })).rejects.toMatchObject({
      code: "SEAT_TAKEN",
    });
  });

  it("honours a payment after the hold ended while the seat is still free", async () => {
    const { event, seatIds } = await seatedEvent(h);
    const cart = await kitCart(h);
    const hold = await createHold(bookingDeps(h), cart, noAdmission, { eventId: event.id, items: [{ seatId: seatIds[1]! }] });
    const { id } = await order(cart, hold.id);
    expect(await expireHold(bookingDeps(h, fixedClock(new Date(hold.expiresAt.getTime() + 1))), hold.id)).toBe(true);
    expect(await finalizeSale(deps(), id)).toBe("FINAL_LATE");
    // Redis is rebuilt from PostgreSQL on the next hold: the seat is sold.
    await expect(createHold(bookingDeps(h), await kitCart(h), noAdmission, { eventId: event.id, items: [{ seatId: seatIds[1]! }] })).rejects.toMatchObject({
      code: "SEAT_TAKEN",
    });
    expect(await h.db.orderLine.count({ where: { orderId: id, status: "ACTIVE" } })).toBe(1);
  });

  it("refuses a late payment when someone else has the seat or the last tickets", async () => {
    const { event, seatIds } = await seatedEvent(h);
    const cart = await kitCart(h);
    const hold = await createHold(bookingDeps(h), cart, noAdmission, { eventId: event.id, items: [{ seatId: seatIds[2]! }] });
    const { id } = await order(cart, hold.id);
    await expireHold(bookingDeps(h, fixedClock(new Date(hold.expiresAt.getTime() + 1))), hold.id);
    await createHold(bookingDeps(h), await kitCart(h), noAdmission, { eventId: event.id, items: [{ seatId: seatIds[2]! }] });
    expect(await finalizeSale(deps(), id)).toBe("STOCK_GONE");
    expect(await h.db.orderLine.count({ where: { orderId: id, status: "PENDING" } })).toBe(1);

    const ga = await h.make.gaEvent({ capacity: 2 });
    const first = await kitCart(h);
    const gaHold = await createHold(bookingDeps(h), first, noAdmission, { eventId: ga.event.id, items: [{ ticketTypeId: ga.ticketType.id, quantity: 2 }] });
    const gaOrder = await order(first, gaHold.id);
    await expireHold(bookingDeps(h, fixedClock(new Date(gaHold.expiresAt.getTime() + 1))), gaHold.id);
    await createHold(bookingDeps(h), await kitCart(h), noAdmission, { eventId: ga.event.id, items: [{ ticketTypeId: ga.ticketType.id, quantity: 1 }] });
    expect(await finalizeSale(deps(), gaOrder.id)).toBe("STOCK_GONE");
    expect((await h.db.ticketType.findUniqueOrThrow({ where: { id: ga.ticketType.id } })).soldCount).toBe(0);
  });
});
