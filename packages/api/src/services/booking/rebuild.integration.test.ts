// Redis loses the inventory mid-sale: the next hold rebuilds it from PostgreSQL, and nothing oversells.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps, flushEventInventory, kitCart, kitCarts, pgLiveState, seatedEvent } from "./booking-test-kit.ts";
import { createHold } from "./create-hold.ts";
import { endHold } from "./end-hold.ts";
import { getAvailability } from "./get-availability.ts";
import { inventoryKeys } from "./inventory-keys.ts";

const h = useHarness();
const noAdmission = { admissionToken: null };

async function holdMany(eventId: string, ticketTypeId: string, buyers: number, midway?: () => Promise<unknown>) {
  const deps = bookingDeps(h);
  const carts = await kitCarts(h, buyers);
  const attempts = carts.map((cart) => createHold(deps, cart, noAdmission, { eventId, items: [{ ticketTypeId, quantity: 1 }] }));
  if (midway) await midway();
  const results = await Promise.allSettled(attempts);
  return results.filter((r) => r.status === "fulfilled").length;
}

async function soldSeatOrder(event: { id: string; organizationId: string }, ticketTypeId: string, seatId: string) {
  await h.db.order.create({
    data: {
      reference: `MQ-${randomUUID().slice(0, 8)}`,
      organizationId: event.organizationId,
      eventId: event.id,
      status: "PAID",
      buyerName: "Buyer",
      buyerEmail: "buyer@example.test",
      currency: "EUR",
      subtotalMinor: 0,
      totalMinor: 0,
      lines: { create: { eventId: event.id, ticketTypeId, seatId, unitPriceMinor: 0, totalMinor: 0 } },
    },
  });
}

describe("inventory rebuild", () => {
  it("rebuilds GA stock from capacity - sold - live holds, and holds taken before the flush still return their stock", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 20 });
    await h.db.ticketType.update({ where: { id: ticketType.id }, data: { soldCount: 3 } });
    const deps = bookingDeps(h);
    const hold = await createHold(deps, await kitCart(h), noAdmission, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 5 }] });
    const released = await createHold(deps, await kitCart(h), noAdmission, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 2 }] });
    await endHold(deps, released.id, "RELEASED");
    const before = await getAvailability(deps, event.id);
    expect(before.ticketTypes[0]!.available).toBe(12);

    expect(await flushEventInventory(h.redis, h.redisPrefix, event.id)).toBeGreaterThan(0);
    const after = await getAvailability(deps, event.id);
    expect(after.ticketTypes[0]!.available).toBe(12);
    expect(after.version).toBeGreaterThan(before.version);

    // The pre-flush hold's key was rebuilt, so ending it returns its 5 tickets exactly once.
    expect(await endHold(deps, hold.id, "RELEASED")).toBe(true);
    expect((await getAvailability(deps, event.id)).ticketTypes[0]!.available).toBe(17);
    expect(await holdMany(event.id, ticketType.id, 40)).toBe(17);
  });

  it("rebuilds seat states: held, sold and blocked seats stay unavailable, held ones listed as held", async () => {
    const { event, ticketType, seatIds } = await seatedEvent(h, { seatsPerRow: 5 });
    const [held, sold, blocked, free] = seatIds as [string, string, string, string];
    const deps = bookingDeps(h);
    await createHold(deps, await kitCart(h), noAdmission, { eventId: event.id, items: [{ seatId: held }] });
    await soldSeatOrder(event, ticketType.id, sold);
    await h.db.seat.update({ where: { id: blocked }, data: { blocked: true } });
    await flushEventInventory(h.redis, h.redisPrefix, event.id);

    for (const seatId of [held, sold, blocked]) {
      await expect(createHold(deps, await kitCart(h), noAdmission, { eventId: event.id, items: [{ seatId }] })).rejects.toMatchObject({ code: "SEAT_TAKEN" });
    }
    await createHold(deps, await kitCart(h), noAdmission, { eventId: event.id, items: [{ seatId: free }] });
    const availability = await getAvailability(deps, event.id);
    expect(availability.unavailableSeatIds).toEqual([held, sold, blocked, free].sort());
    // Held seats are told apart from sold and blocked ones (they come back when the hold ends).
    expect(availability.heldSeatIds).toEqual([held, free].sort());
    expect((await pgLiveState(h.db, event.id)).maxHoldsPerSeat).toBe(1);
  });

  it("never oversells when the keys vanish in the middle of a race", async () => {
    for (let trial = 0; trial < 3; trial++) {
      const { event, ticketType } = await h.make.gaEvent({ capacity: 30 });
      const won = await holdMany(event.id, ticketType.id, 200, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5 * trial));
        await flushEventInventory(h.redis, h.redisPrefix, event.id);
      });
      const held = (await pgLiveState(h.db, event.id)).gaHeld.get(ticketType.id) ?? 0;
      console.info(`flush mid-race trial ${trial + 1}: ${won} holds succeeded, ${held} live in PostgreSQL / capacity 30`);
      expect(held).toBe(won);
      expect(held).toBeLessThanOrEqual(30);
    }
  }, 120_000);

  it("PostgreSQL alone refuses to go past capacity when Redis is wrong, and the refused holds are compensated", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 30 });
    await getAvailability(bookingDeps(h), event.id);
    const keys = inventoryKeys(h.redisPrefix, event.id);
    await h.redis.hset(keys.ga, ticketType.id, 1000);
    expect(await holdMany(event.id, ticketType.id, 100)).toBe(30);
    expect((await pgLiveState(h.db, event.id)).gaHeld.get(ticketType.id)).toBe(30);
    // 70 refused by PostgreSQL gave their Redis step back: 1000 - 30 left.
    expect(Number(await h.redis.hget(keys.ga, ticketType.id))).toBe(970);
  });
});
