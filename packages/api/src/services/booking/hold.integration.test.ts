// hold.*, cart.create and availability.get through createCaller with real PostgreSQL and Redis.
import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { kitCart, seatedEvent } from "./booking-test-kit.ts";

const h = useHarness();
const callerFor = (cartToken: string | null, admissionToken: string | null = null) => h.callerAs(null, { request: { cartToken, admissionToken } });

describe("cart.create", () => {
  it("returns a token once and stores only its hash", async () => {
    const caller = await callerFor(null);
    const cart = await caller.cart.create();
    expect(cart.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await h.db.cart.findUniqueOrThrow({ where: { id: cart.cartId } });
    expect(row.tokenHash).not.toContain(cart.token);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);
  });
});

describe("hold procedures", () => {
  it("holds GA tickets, shows them to the owning cart only, and releases them once", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    const cart = await kitCart(h);
    const caller = await callerFor(cart.token);
    const hold = await caller.hold.create({ eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 3 }] });
    expect(hold).toMatchObject({ eventId: event.id, status: "ACTIVE", items: [{ ticketTypeId: ticketType.id, seatId: null, quantity: 3 }] });
    expect(hold.expiresAt.getTime() - Date.now()).toBeGreaterThan(590_000);
    const availability = await caller.availability.get({ eventId: event.id });
    expect(availability.ticketTypes).toEqual([{ ticketTypeId: ticketType.id, available: 7 }]);

    expect(await caller.hold.get({ holdId: hold.id })).toEqual(hold);
    const stranger = await callerFor((await kitCart(h)).token);
    await expect(stranger.hold.get({ holdId: hold.id })).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    await expect(stranger.hold.release({ holdId: hold.id })).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });

    expect((await caller.hold.release({ holdId: hold.id })).status).toBe("RELEASED");
    expect((await caller.hold.release({ holdId: hold.id })).status).toBe("RELEASED");
    const after = await caller.availability.get({ eventId: event.id });
    expect(after.ticketTypes).toEqual([{ ticketTypeId: ticketType.id, available: 10 }]);
    expect(after.version).toBeGreaterThan(availability.version);
  });

  it("holds named seats all-or-nothing and refuses a taken seat with SEAT_TAKEN", async () => {
    const { event, seatIds } = await seatedEvent(h);
    const first = await callerFor((await kitCart(h)).token);
    const second = await callerFor((await kitCart(h)).token);
    const mixedType = await h.make.ticketType(event.id, { capacity: 10 });
    const hold = await first.hold.create({
      eventId: event.id,
      items: [{ seatId: seatIds[3]! }, { seatId: seatIds[0]! }, { ticketTypeId: mixedType.id, quantity: 2 }],
    });
    expect(hold.items.map((item) => item.seatId)).toEqual([null, ...[seatIds[0], seatIds[3]].sort()]);
    expect(await first.hold.get({ holdId: hold.id })).toEqual(hold);
    await expect(second.hold.create({ eventId: event.id, items: [{ seatId: seatIds[1]! }, { seatId: seatIds[0]! }] })).rejects.toMatchObject({
      cause: { code: "SEAT_TAKEN", details: { seatId: seatIds[0] } },
    });
    const availability = await first.availability.get({ eventId: event.id });
    expect(availability.unavailableSeatIds).toEqual([seatIds[0], seatIds[3]].sort());
    expect(availability.heldSeatIds).toEqual([seatIds[0], seatIds[3]].sort());
    expect(await h.db.holdItem.count({ where: { eventId: event.id } })).toBe(3);
  });

  it("sells a GA type added after the inventory was built, and refuses a seat blocked since", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 5 });
    const caller = await callerFor((await kitCart(h)).token);
    await caller.hold.create({ eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] });
    const added = await h.make.ticketType(event.id, { capacity: 3 });
    await caller.hold.create({ eventId: event.id, items: [{ ticketTypeId: added.id, quantity: 2 }] });
    expect((await caller.availability.get({ eventId: event.id })).ticketTypes).toContainEqual({ ticketTypeId: added.id, available: 1 });

    const seated = await seatedEvent(h);
    await caller.availability.get({ eventId: seated.event.id });
    await h.db.seat.update({ where: { id: seated.seatIds[2]! }, data: { blocked: true } });
    await expect(caller.hold.create({ eventId: seated.event.id, items: [{ seatId: seated.seatIds[2]! }] })).rejects.toMatchObject({
      cause: { code: "SEAT_TAKEN" },
    });
  });

  it("answers SOLD_OUT when fewer tickets are left than asked for", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 2 });
    const caller = await callerFor((await kitCart(h)).token);
    await expect(caller.hold.create({ eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 3 }] })).rejects.toMatchObject({
      cause: { code: "SOLD_OUT" },
    });
  });

  it("enforces the per-order and per-type limits before touching stock", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 100 });
    await h.db.event.update({ where: { id: event.id }, data: { maxPerOrder: 4 } });
    const limited = await h.make.ticketType(event.id, { capacity: 100, minPerOrder: 2, maxPerOrder: 3 });
    const caller = await callerFor((await kitCart(h)).token);
    const tooMany = caller.hold.create({
      eventId: event.id,
      items: [
        { ticketTypeId: ticketType.id, quantity: 3 },
        { ticketTypeId: ticketType.id, quantity: 2 },
      ],
    });
    await expect(tooMany).rejects.toMatchObject({ cause: { code: "LIMIT_EXCEEDED" } });
    await expect(caller.hold.create({ eventId: event.id, items: [{ ticketTypeId: limited.id, quantity: 1 }] })).rejects.toMatchObject({
      cause: { code: "LIMIT_EXCEEDED" },
    });
    await caller.hold.create({ eventId: event.id, items: [{ ticketTypeId: limited.id, quantity: 2 }] });
    expect(await h.db.hold.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("enforces maxPerBuyer across the cart's live holds, and across an account's carts", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 100 });
    await h.db.event.update({ where: { id: event.id }, data: { maxPerBuyer: 4 } });
    const item = (quantity: number) => ({ eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity }] });
    const guest = await callerFor((await kitCart(h)).token);
    await guest.hold.create(item(3));
    await expect(guest.hold.create(item(2))).rejects.toMatchObject({ cause: { code: "LIMIT_EXCEEDED" } });
    const user = await h.make.user();
    await (await callerFor((await kitCart(h, user.id)).token)).hold.create(item(4));
    await expect((await callerFor((await kitCart(h, user.id)).token)).hold.create(item(1))).rejects.toMatchObject({ cause: { code: "LIMIT_EXCEEDED" } });
    // Refused holds gave their Redis stock back: 100 - 3 - 4 left.
    expect((await guest.availability.get({ eventId: event.id })).ticketTypes[0]!.available).toBe(93);
    expect(await h.db.hold.count({ where: { eventId: event.id } })).toBe(2);
  });

  it("needs a cart token (CART_REQUIRED) and, behind a waiting room, an admission token (QUEUE_REQUIRED)", async () => {
    const { event, ticketType } = await h.make.gaEvent();
    const input = { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] };
    await expect((await callerFor(null)).hold.create(input)).rejects.toMatchObject({ cause: { code: "CART_REQUIRED" } });
    await expect((await callerFor("x".repeat(43))).hold.create(input)).rejects.toMatchObject({ cause: { code: "CART_REQUIRED" } });
    await h.db.event.update({ where: { id: event.id }, data: { waitingRoomEnabled: true } });
    const token = (await kitCart(h)).token;
    await expect((await callerFor(token)).hold.create(input)).rejects.toMatchObject({ cause: { code: "QUEUE_REQUIRED" } });
    expect(await h.db.hold.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("answers bad input with VALIDATION_ERROR and writes nothing", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 5 });
    const caller = await callerFor((await kitCart(h)).token);
    const bad: unknown[] = [
      {},
      { eventId: "not-a-uuid", items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
      { eventId: event.id, items: [] },
      { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 0 }] },
      { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1.5 }] },
      { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: -3 }] },
      { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1, extra: true }] },
      { eventId: event.id, items: Array.from({ length: 101 }, () => ({ ticketTypeId: ticketType.id, quantity: 1 })) },
      { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }], evil: "<script>" },
    ];
    for (const input of bad) {
      await expect(caller.hold.create(input as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(caller.hold.get({ holdId: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.availability.get({ eventId: 42 } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // A type that sells seats is a VALIDATION_ERROR from the service.
    const seatedType = await h.make.ticketType(event.id, { capacity: null });
    await expect(caller.hold.create({ eventId: event.id, items: [{ ticketTypeId: seatedType.id, quantity: 1 }] })).rejects.toMatchObject({
      cause: { code: "VALIDATION_ERROR" },
    });
    expect(await h.db.hold.count({ where: { eventId: event.id } })).toBe(0);
    expect((await caller.availability.get({ eventId: event.id })).ticketTypes).toContainEqual({ ticketTypeId: ticketType.id, available: 5 });
  });
});
