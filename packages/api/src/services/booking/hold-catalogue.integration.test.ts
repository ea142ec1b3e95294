// The hold's one-round-trip read (cart, event, types, prices: loadHoldEventForCart): every hold sees
// the catalogue as it is at that moment, locks the same prices as services/pricing's currentPrices,
// and refuses a bad cart before anything else, changing nothing.
import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { currentPrices } from "../pricing/current-prices.ts";
import { kitCart } from "./booking-test-kit.ts";

const h = useHarness();
const callerFor = (cartToken: string | null) => h.callerAs(null, { request: { cartToken, admissionToken: null } });
const lockedPrice = (holdId: string) => h.db.holdPrice.findFirstOrThrow({ where: { holdId } });

describe("createHold's catalogue read", () => {
  it("locks the price currentPrices gives, and sees each console change at the next hold", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 100, priceMinor: 2500 });
    const caller = await callerFor((await kitCart(h)).token);
    const hold = (quantity = 1) => caller.hold.create({ eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity }] });

    const first = await hold();
    const expected = (await currentPrices(h.db, [{ ticketTypeId: ticketType.id, quantity: 1 }], new Date())).get(ticketType.id)!;
    expect(await lockedPrice(first.id)).toMatchObject({ priceTierId: expected.priceTierId, unitPriceMinor: 2500, priceVersionId: null });

    // An early-bird tier that opened a minute ago and sorts first; then one that has not opened yet.
    const now = Date.now();
    const early = await h.db.priceTier.create({
      data: {
        ticketTypeId: ticketType.id,
        name: "Early",
        priceMinor: 1500,
        currency: "EUR",
        sortOrder: -1,
        validFrom: new Date(now - 60_000),
        quantityLimit: 50,
      },
    });
    expect(await lockedPrice((await hold()).id)).toMatchObject({ priceTierId: early.id, unitPriceMinor: 1500 });
    await h.db.priceTier.update({ where: { id: early.id }, data: { validFrom: new Date(now + 60_000) } });
    expect(await lockedPrice((await hold()).id)).toMatchObject({ priceTierId: expected.priceTierId, unitPriceMinor: 2500 });
    // A quantity past the tier's limit falls through to the next tier.
    await h.db.priceTier.update({ where: { id: early.id }, data: { validFrom: null, quantityLimit: 2 } });
    expect(await lockedPrice((await hold(3)).id)).toMatchObject({ priceTierId: expected.priceTierId, unitPriceMinor: 2500 });

    // Demand pricing on: the latest version's price, whichever version came last.
    await h.db.demandPricing.create({
      data: { ticketTypeId: ticketType.id, eventId: event.id, enabled: true, floorMinor: 1000, ceilingMinor: 9000, stepMinor: 500, raiseAtPerMinute: 10 },
    });
    const version = (n: number, priceMinor: number) =>
      h.db.priceVersion.create({
        data: { ticketTypeId: ticketType.id, eventId: event.id, version: n, priceMinor, currency: "EUR", reason: "VELOCITY", inputs: {} },
      });
    await version(1, 3000);
    const latest = await version(2, 3500);
    expect(await lockedPrice((await hold()).id)).toMatchObject({ priceVersionId: latest.id, unitPriceMinor: 3500 });

    // The type's sales window closes, then the event is taken off sale: the next hold is refused.
    await h.db.ticketType.update({ where: { id: ticketType.id }, data: { salesEndAt: new Date(Date.now() - 1_000) } });
    await expect(hold()).rejects.toMatchObject({ cause: { code: "CONFLICT" } });
    await h.db.ticketType.update({ where: { id: ticketType.id }, data: { salesEndAt: null } });
    await h.db.event.update({ where: { id: event.id }, data: { status: "CANCELLED" } });
    await expect(hold()).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
  });

  it("refuses an unknown or expired cart with CART_REQUIRED before it looks at the event, and holds nothing", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    const input = { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] };
    const unknown = await callerFor("A".repeat(43));
    await expect(unknown.hold.create(input)).rejects.toMatchObject({ cause: { code: "CART_REQUIRED" } });
    await expect(unknown.hold.create({ ...input, eventId: "00000000-0000-7000-8000-000000000000" })).rejects.toMatchObject({
      cause: { code: "CART_REQUIRED" },
    });
    const expired = await kitCart(h);
    await h.db.cart.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await expect((await callerFor(expired.token)).hold.create(input)).rejects.toMatchObject({ cause: { code: "CART_REQUIRED" } });
    await expect((await callerFor(null)).hold.create(input)).rejects.toMatchObject({ cause: { code: "CART_REQUIRED" } });
    expect(await h.db.hold.count({ where: { eventId: event.id } })).toBe(0);

    // A good cart on an event that does not exist: NOT_FOUND.
    const good = await callerFor((await kitCart(h)).token);
    await expect(good.hold.create({ ...input, eventId: "00000000-0000-7000-8000-000000000000" })).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
  });
});
