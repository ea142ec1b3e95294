// order.quote: the checkout page's summary of a hold, priced as checkout prices it (the price the
// hold locked; the tier on sale now for a hold made before holds locked prices),
// through createCaller with the cart's token (guest), against real PostgreSQL and Redis.
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps, kitCart, seatedEvent } from "../booking/booking-test-kit.ts";
import { createHold } from "../booking/create-hold.ts";

const h = useHarness();

const callerFor = (token: string, clock?: ReturnType<typeof fixedClock>) => h.callerAs(null, { request: { cartToken: token }, ...(clock ? { clock } : {}) });

describe("order.quote", () => {
  it("prices a GA hold at the price it locked, even after its tier's window closed; a hold without locked prices at the tier on sale now", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10, priceMinor: 2500 });
    const [early] = await h.db.priceTier.findMany({ where: { ticketTypeId: ticketType.id } });
    const closesAt = new Date(Date.now() + 60_000);
    await h.db.priceTier.update({ where: { id: early!.id }, data: { validUntil: closesAt } });
    await h.db.priceTier.create({ data: { ticketTypeId: ticketType.id, name: "Late", priceMinor: 3000, currency: "EUR", sortOrder: 1 } });
    const cart = await kitCart(h);
    const hold = await createHold(bookingDeps(h), cart, { admissionToken: null }, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 3 }] });

    const quote = await (await callerFor(cart.token)).order.quote({ holdId: hold.id });
    expect(quote).toMatchObject({ holdId: hold.id, eventId: event.id, status: "ACTIVE", currency: "EUR", totalMinor: 7500 });
    expect(quote.expiresAt).toEqual(hold.expiresAt);
    expect(Math.abs(quote.serverNow.getTime() - Date.now())).toBeLessThan(5_000);
    expect(quote.lines).toEqual([
      { ticketTypeId: ticketType.id, ticketTypeName: ticketType.name, seat: null, quantity: 3, unitPriceMinor: 2500, totalMinor: 7500 },
    ]);

    // After the early window (the hold is past its expiry by then too: reported EXPIRED): still the locked price.
    const later = fixedClock(new Date(Math.max(closesAt.getTime(), hold.expiresAt.getTime()) + 1_000));
    const lateQuote = await (await callerFor(cart.token, later)).order.quote({ holdId: hold.id });
    expect(lateQuote).toMatchObject({ status: "EXPIRED", totalMinor: 7500, lines: [expect.objectContaining({ unitPriceMinor: 2500, totalMinor: 7500 })] });
    // A hold from before prices were locked (no HoldPrice rows): the later, dearer tier on sale then.
    await h.db.holdPrice.deleteMany({ where: { holdId: hold.id } });
    const oldStyle = await (await callerFor(cart.token, later)).order.quote({ holdId: hold.id });
    expect(oldStyle).toMatchObject({ totalMinor: 9000, lines: [expect.objectContaining({ unitPriceMinor: 3000, totalMinor: 9000 })] });
  });

  it("names the seats of a reserved hold; its locked price stands when the tier goes off sale, and without one it has no price", async () => {
    const { event, ticketType, seatIds } = await seatedEvent(h, { rows: 1, seatsPerRow: 3 });
    const cart = await kitCart(h);
    const hold = await createHold(
      bookingDeps(h),
      cart,
      { admissionToken: null },
      { eventId: event.id, items: [{ seatId: seatIds[1]! }, { seatId: seatIds[0]! }] },
    );
    const seats = await h.db.seat.findMany({ where: { id: { in: seatIds.slice(0, 2) } }, include: { section: true, row: true } });

    const quote = await (await callerFor(cart.token)).order.quote({ holdId: hold.id });
    expect(quote.lines).toHaveLength(2);
    expect(quote.lines.map((line) => line.seat)).toEqual(
      expect.arrayContaining(seats.map((seat) => ({ section: seat.section.name, row: seat.row.label, seat: seat.label }))),
    );
    expect(quote.lines.every((line) => line.ticketTypeId === ticketType.id && line.quantity === 1 && line.unitPriceMinor !== null)).toBe(true);
    expect(quote.totalMinor).toBe(quote.lines.reduce((sum, line) => sum + line.totalMinor!, 0));

    await h.db.priceTier.updateMany({ where: { ticketTypeId: ticketType.id }, data: { validUntil: new Date(Date.now() - 1_000) } });
    expect((await (await callerFor(cart.token)).order.quote({ holdId: hold.id })).totalMinor).toBe(quote.totalMinor);
    await h.db.holdPrice.deleteMany({ where: { holdId: hold.id } });
    const unpriced = await (await callerFor(cart.token)).order.quote({ holdId: hold.id });
    expect(unpriced.totalMinor).toBeNull();
    expect(unpriced.lines.every((line) => line.unitPriceMinor === null && line.totalMinor === null)).toBe(true);
  });

  it("answers NOT_FOUND for another cart's hold", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    const owner = await kitCart(h);
    const stranger = await kitCart(h);
    const hold = await createHold(
      bookingDeps(h),
      owner,
      { admissionToken: null },
      { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
    );
    await expect((await callerFor(stranger.token)).order.quote({ holdId: hold.id })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "NOT_FOUND" }),
    });
  });
});
