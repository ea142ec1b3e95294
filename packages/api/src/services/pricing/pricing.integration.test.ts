// Demand pricing against real PostgreSQL and Redis: the console's procedures, a burst of sales at
// the box office raising the price one step (never past the ceiling), the price a hold locked
// surviving the rise at checkout (Stripe's local test server), and the version on the order line.
import { startStripeTestServer, type StripeTestServer } from "@marquee/dev/services/stripe-local/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, systemClock } from "../../clock.ts";
import { readStripeEnv } from "../../env.ts";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps, kitCart } from "../booking/booking-test-kit.ts";
import { createHold } from "../booking/create-hold.ts";
import { checkout } from "../checkout/checkout.ts";
import { quoteHold } from "../checkout/quote-hold.ts";
import { makePaidOrder } from "../dashboard/dashboard-test-kit.ts";
import { createStripeSettings, type StripeSettings } from "../payments/stripe-client.ts";
import { recomputePrice, sweepDemandPrices } from "./recompute-price.ts";

const h = useHarness();
let stripeServer: StripeTestServer;
let stripe: StripeSettings;
beforeAll(async () => {
  stripeServer = await startStripeTestServer({ webhook: { url: null, secret: "whsec_test_pricing_0123456789" } });
  stripe = createStripeSettings(readStripeEnv({ STRIPE_API_URL: stripeServer.url, STRIPE_WEBHOOK_SECRET: "whsec_test_pricing_0123456789" }), {
    maxNetworkRetries: 0,
  });
});
afterAll(async () => {
  await stripeServer.stop();
});

const settings = {
  enabled: true,
  floorMinor: 2000,
  ceilingMinor: 3000,
  stepMinor: 500,
  windowMinutes: 15,
  raiseAtPerMinute: 0.5,
  scarcityPct: null,
  lowerAtPerMinute: null,
  minIntervalSeconds: 300,
};

/** An organisation's on-sale GA event (tier 25.00 EUR) and its owner's console caller. */
async function pricedEvent(capacity = 500) {
  const { organizationId, caller, userId } = await h.memberOf("OWNER");
  const venue = await h.make.venue(organizationId);
  const event = await h.make.event(organizationId, venue.id);
  const ticketType = await h.make.ticketType(event.id, { capacity });
  return { organizationId, caller, userId, event, ticketType };
}

describe("demand pricing", () => {
  it("a burst of sales raises the price exactly one step within the ceiling; the buyer who held before pays the old price, with its version on the line", async () => {
    const { organizationId, caller, event, ticketType } = await pricedEvent();
    const saved = await caller.pricing.save({ organizationId, ticketTypeId: ticketType.id, ...settings });
    expect(saved).toMatchObject({ tierPriceMinor: 2500, currentPriceMinor: 2500, currentVersion: 1 });
    const start = await h.db.priceVersion.findFirstOrThrow({ where: { ticketTypeId: ticketType.id } });
    expect(start).toMatchObject({ version: 1, priceMinor: 2500, reason: "START" });

    // A buyer holds at 25.00.
    const early = await kitCart(h);
    const earlyHold = await createHold(
      bookingDeps(h),
      early,
      { admissionToken: null },
      { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 2 }] },
    );
    expect(earlyHold.prices).toEqual([{ ticketTypeId: ticketType.id, unitPriceMinor: 2500, currency: "EUR", demandPriced: true }]);

    // The burst: 12 tickets at the box office, decided on once the START price has stood its minimum
    // interval (0.8 a minute over the 15-minute window).
    for (let i = 0; i < 6; i++) {
      const sale = await caller.boxOffice.sell({
        organizationId,
        eventId: event.id,
        lines: [{ ticketTypeId: ticketType.id, quantity: 2 }],
        paymentMethod: "CARD",
      });
      expect(sale.totalMinor).toBe(5000);
    }
    // Five recomputes at once (the sweep and burst jobs of several workers): one step, one version.
    const burst = fixedClock(new Date(Date.now() + 301_000));
    const results = await Promise.all(Array.from({ length: 5 }, () => recomputePrice({ db: h.db, clock: burst }, ticketType.id)));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    const versions = await h.db.priceVersion.findMany({ where: { ticketTypeId: ticketType.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.priceMinor, v.reason])).toEqual([
      [1, 2500, "START"],
      [2, 3000, "VELOCITY"],
    ]);
    expect(versions[1]!.inputs).toMatchObject({
      soldInWindow: 12,
      windowMinutes: 15,
      velocityPerMinute: 0.8,
      previousPriceMinor: 2500,
      stockLeft: 488,
      capacity: 500,
    });
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { targetId: ticketType.id, action: "pricing.change" } });
    expect(audit).toMatchObject({ actorKind: "system", organizationId });
    const outbox = await h.db.outboxEvent.findMany({ where: { topic: "pricing.price-changed", aggregateId: ticketType.id }, orderBy: { id: "asc" } });
    expect(outbox.map((row) => row.payload)).toEqual([
      { eventId: event.id, ticketTypeId: ticketType.id, priceMinor: 2500, currency: "EUR", version: 1 },
      { eventId: event.id, ticketTypeId: ticketType.id, priceMinor: 3000, currency: "EUR", version: 2 },
    ]);

    // Later, with sales still fast, the next step would pass the ceiling: the price stays at 30.00.
    const later = fixedClock(new Date(Date.now() + 602_000));
    expect((await recomputePrice({ db: h.db, clock: later }, ticketType.id)).changed).toBeNull();
    expect(await h.db.priceVersion.count({ where: { ticketTypeId: ticketType.id } })).toBe(2);

    // The early buyer pays 25.00 (the hold's price), and the line records version 1.
    const quote = await quoteHold({ db: h.db, clock: systemClock }, early, earlyHold.id);
    expect(quote.totalMinor).toBe(5000);
    const order = await checkout({ db: h.db, stripe: stripe.client, clock: systemClock }, early, {
      holdId: earlyHold.id,
      buyer: { name: "Early Bird", email: "early@example.test" },
      locale: "en",
    });
    expect(order.totalMinor).toBe(5000);
    const [line] = await h.db.orderLine.findMany({ where: { orderId: order.id } });
    expect(line).toMatchObject({ unitPriceMinor: 2500, priceVersionId: start.id });

    // A new hold gets 30.00, and so does a sale at the box office (version 2 on its line).
    const lateHold = await createHold(
      bookingDeps(h),
      await kitCart(h),
      { admissionToken: null },
      { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
    );
    expect(lateHold.prices[0]).toMatchObject({ unitPriceMinor: 3000, demandPriced: true });
    const door = await caller.boxOffice.sell({
      organizationId,
      eventId: event.id,
      lines: [{ ticketTypeId: ticketType.id, quantity: 1 }],
      paymentMethod: "CASH",
    });
    expect(door.totalMinor).toBe(3000);
    expect(await h.db.orderLine.findFirstOrThrow({ where: { orderId: door.orderId } })).toMatchObject({
      unitPriceMinor: 3000,
      priceVersionId: versions[1]!.id,
    });

    // The console's chart: both versions and the sales minutes.
    const history = await caller.pricing.history({ organizationId, ticketTypeId: ticketType.id });
    expect(history.prices.map((p) => p.priceMinor)).toEqual([2500, 3000]);
    expect(history.sales.reduce((sum, s) => sum + s.sold, 0)).toBe(13);
  });

  it("without demand pricing a hold locks the tier price and the line records no version; moving the ceiling clamps; turning it off restores the tier", async () => {
    const { organizationId, caller, event, ticketType } = await pricedEvent();
    const plain = await createHold(
      bookingDeps(h),
      await kitCart(h),
      { admissionToken: null },
      { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
    );
    expect(plain.prices).toEqual([{ ticketTypeId: ticketType.id, unitPriceMinor: 2500, currency: "EUR", demandPriced: false }]);
    const sale = await caller.boxOffice.sell({
      organizationId,
      eventId: event.id,
      lines: [{ ticketTypeId: ticketType.id, quantity: 1 }],
      paymentMethod: "CASH",
    });
    expect(await h.db.orderLine.findFirstOrThrow({ where: { orderId: sale.orderId } })).toMatchObject({ unitPriceMinor: 2500, priceVersionId: null });

    await caller.pricing.save({ organizationId, ticketTypeId: ticketType.id, ...settings, floorMinor: 2800, ceilingMinor: 4000 });
    expect((await caller.pricing.get({ organizationId, ticketTypeId: ticketType.id })).currentPriceMinor).toBe(2800);
    await caller.pricing.save({ organizationId, ticketTypeId: ticketType.id, ...settings, floorMinor: 2000, ceilingMinor: 2600 });
    const versions = await h.db.priceVersion.findMany({ where: { ticketTypeId: ticketType.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.priceMinor, v.reason])).toEqual([
      [2800, "START"],
      [2600, "SETTINGS"],
    ]);
    await caller.pricing.save({ organizationId, ticketTypeId: ticketType.id, ...settings, enabled: false });
    expect((await caller.pricing.get({ organizationId, ticketTypeId: ticketType.id })).currentPriceMinor).toBe(2500);
    expect(await h.db.auditLog.count({ where: { targetId: ticketType.id, action: "pricing.save" } })).toBe(3);
    // Off: the sweep leaves it alone.
    expect((await recomputePrice({ db: h.db, clock: systemClock }, ticketType.id)).changed).toBeNull();
  });

  it("refuses bad settings with a 4xx and changes nothing", async () => {
    const { organizationId, caller, ticketType } = await pricedEvent();
    const save = (overrides: Record<string, unknown>) =>
      caller.pricing.save({ organizationId, ticketTypeId: ticketType.id, ...settings, ...overrides } as never);
    await expect(save({ floorMinor: 3500 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { code: "VALIDATION_ERROR", details: { field: "floorMinor" } },
    });
    await expect(save({ stepMinor: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(save({ windowMinutes: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(save({ windowMinutes: 1441 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(save({ lowerAtPerMinute: 2 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(save({ raiseAtPerMinute: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await h.db.demandPricing.count({ where: { ticketTypeId: ticketType.id } })).toBe(0);
    expect(await h.db.priceVersion.count({ where: { ticketTypeId: ticketType.id } })).toBe(0);
    expect(await h.db.auditLog.count({ where: { targetId: ticketType.id } })).toBe(0);
  });

  it("refuses another organisation's ticket type (NOT_FOUND) on every procedure", async () => {
    const mine = await pricedEvent();
    const theirs = await pricedEvent();
    const input = { organizationId: mine.organizationId, ticketTypeId: theirs.ticketType.id };
    await expect(mine.caller.pricing.get(input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(mine.caller.pricing.history(input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(mine.caller.pricing.simulate(input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(mine.caller.pricing.save({ ...input, ...settings })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await h.db.demandPricing.count({ where: { ticketTypeId: theirs.ticketType.id } })).toBe(0);
  });

  it("simulates a past day's real sales with the given settings, and the sweep recomputes every enabled type on sale", async () => {
    const { organizationId, caller, event, ticketType } = await pricedEvent(100);
    // Friday 2026-12-04: a quiet morning, a burst at 18:00, 30 tickets in 10 minutes.
    await makePaidOrder(h.db, event, new Date("2026-12-04T09:30:10Z"), [{ ticketTypeId: ticketType.id, quantity: 1, unitPriceMinor: 2500 }]);
    for (let minute = 0; minute < 10; minute++) {
      await makePaidOrder(h.db, event, new Date(Date.UTC(2026, 11, 4, 18, minute, 5)), [{ ticketTypeId: ticketType.id, quantity: 3, unitPriceMinor: 2500 }]);
    }
    const simulation = await caller.pricing.simulate({
      organizationId,
      ticketTypeId: ticketType.id,
      day: "2026-12-04",
      settings: { ...settings, enabled: undefined, windowMinutes: 5, raiseAtPerMinute: 2, minIntervalSeconds: 120, lowerAtPerMinute: 0 } as never,
    });
    expect(simulation.ticketsSold).toBe(31);
    expect(simulation.sales).toHaveLength(11);
    expect(simulation.prices.map((p) => [p.at.toISOString(), p.priceMinor, p.reason])).toEqual([
      ["2026-12-04T00:00:00.000Z", 2500, "START"],
      ["2026-12-04T00:01:00.000Z", 2000, "QUIET"],
      ["2026-12-04T18:04:00.000Z", 2500, "VELOCITY"],
      ["2026-12-04T18:06:00.000Z", 3000, "VELOCITY"],
      ["2026-12-04T18:15:00.000Z", 2500, "QUIET"],
      ["2026-12-04T18:17:00.000Z", 2000, "QUIET"],
    ]);
    expect(simulation.actualRevenueMinor).toBe(31 * 2500);
    // Nothing saved by a simulation.
    expect(await h.db.demandPricing.count({ where: { ticketTypeId: ticketType.id } })).toBe(0);

    await caller.pricing.save({ organizationId, ticketTypeId: ticketType.id, ...settings, scarcityPct: 80 });
    // 31 of 100 sold is not scarce; sell down to 20 left and sweep.
    await makePaidOrder(h.db, event, new Date(Date.now() - 3_600_000), [{ ticketTypeId: ticketType.id, quantity: 49, unitPriceMinor: 2500 }]);
    await h.db.ticketType.update({ where: { id: ticketType.id }, data: { soldCount: 80 } });
    const swept = await sweepDemandPrices({ db: h.db, clock: fixedClock(new Date(Date.now() + 301_000)) });
    expect(swept.changed).toBeGreaterThanOrEqual(1);
    const last = await h.db.priceVersion.findFirstOrThrow({ where: { ticketTypeId: ticketType.id }, orderBy: { version: "desc" } });
    expect(last).toMatchObject({ version: 2, priceMinor: 3000, reason: "SCARCITY" });
  });
});
