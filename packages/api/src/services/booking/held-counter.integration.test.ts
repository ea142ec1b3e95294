// The held counter (TicketTypeHeld, migration 20261207130000_ticket_type_held): triggers on
// HoldItem keep, per ticket type, the sum of live general-admission hold items, which is what
// marquee_place_hold checks capacity against. Every way a hold item is written is driven here, from
// several connections (each writes its own slot), and the counter is compared with the live sum.
import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@marquee/db";
import { testDatabaseUrl } from "@marquee/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps, kitCart, pgLiveState, seatedEvent } from "./booking-test-kit.ts";
import { createHold } from "./create-hold.ts";
import { expireHold, releaseHold } from "./end-hold.ts";

const h = useHarness();
const noAdmission = { admissionToken: null };
let other: Db;
beforeAll(() => {
  other = createDb(testDatabaseUrl(), { max: 3 });
});
afterAll(() => other.$disconnect());

async function agree(eventId: string) {
  const state = await pgLiveState(h.db, eventId);
  expect(Object.fromEntries(state.heldCounter)).toEqual(Object.fromEntries(state.gaHeld));
  return state.gaHeld;
}

describe("held counter", () => {
  it("follows holds placed, released and expired through different connections, two types in one hold", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 100 });
    const second = await h.make.ticketType(event.id, { capacity: 100 });
    const clock = fixedClock(new Date());
    const viaHarness = bookingDeps(h, clock);
    const viaOther = { ...viaHarness, db: other };
    const holds = [];
    for (let i = 0; i < 6; i++) {
      const deps = i % 2 === 0 ? viaHarness : viaOther;
      const cart = await kitCart(h);
      const items = [
        { ticketTypeId: ticketType.id, quantity: 1 + i },
        { ticketTypeId: second.id, quantity: 2 },
      ];
      holds.push({ cart, hold: await createHold(deps, cart, noAdmission, { eventId: event.id, items }) });
    }
    expect(Object.fromEntries(await agree(event.id))).toEqual({ [ticketType.id]: 21, [second.id]: 12 });
    // Ended through the other connection than the one that placed them: slots may go negative.
    await releaseHold(viaOther, holds[0]!.cart, holds[0]!.hold.id);
    clock.set(new Date(holds[2]!.hold.expiresAt.getTime()));
    expect(await expireHold(viaHarness, holds[1]!.hold.id)).toBe(true);
    expect(await expireHold(viaOther, holds[2]!.hold.id)).toBe(true);
    expect(Object.fromEntries(await agree(event.id))).toEqual({ [ticketType.id]: 15, [second.id]: 6 });
  });

  it("counts only live general admission: seats, ended items and rolled-back writes change nothing", async () => {
    const { event, ticketType: seatedType, seatIds } = await seatedEvent(h, { seatsPerRow: 2 });
    const ticketType = await h.make.ticketType(event.id, { capacity: 100 });
    const cart = await kitCart(h);
    const hold = await h.db.hold.create({ data: { id: randomUUID(), eventId: event.id, cartId: cart.id, expiresAt: new Date(Date.now() + 60_000) } });
    await h.db.holdItem.createMany({
      data: [
        { holdId: hold.id, eventId: event.id, ticketTypeId: ticketType.id, quantity: 3 },
        { holdId: hold.id, eventId: event.id, ticketTypeId: ticketType.id, quantity: 2, live: false },
        { holdId: hold.id, eventId: event.id, ticketTypeId: seatedType.id, seatId: seatIds[0]! },
      ],
    });
    expect(Object.fromEntries(await agree(event.id))).toEqual({ [ticketType.id]: 3 });
    // A quantity change on a live item, then a write that rolls back.
    await h.db.holdItem.updateMany({ where: { holdId: hold.id, ticketTypeId: ticketType.id, live: true }, data: { quantity: 5 } });
    await expect(
      h.db.$transaction(async (tx) => {
        await tx.holdItem.create({ data: { holdId: hold.id, eventId: event.id, ticketTypeId: ticketType.id, quantity: 40 } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(Object.fromEntries(await agree(event.id))).toEqual({ [ticketType.id]: 5 });
    // Deleting the hold (cascade to its items) gives the held tickets back.
    await h.db.hold.delete({ where: { id: hold.id } });
    expect(Object.fromEntries(await agree(event.id))).toEqual({});
  });

  it("lets an event with live holds be deleted (its types and their counters go with it)", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    const cart = await kitCart(h);
    await createHold(bookingDeps(h), cart, noAdmission, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 4 }] });
    expect(await h.db.ticketTypeHeld.count({ where: { ticketTypeId: ticketType.id } })).toBeGreaterThan(0);
    await h.db.event.delete({ where: { id: event.id } });
    expect(await h.db.ticketTypeHeld.count({ where: { ticketTypeId: ticketType.id } })).toBe(0);
  });
});
