// Property: random sequences of hold / release / time passing (sweeper) / Redis flush agree with a
// tiny in-memory model, in Redis (availability.get) and in PostgreSQL, after every step.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps, flushEventInventory, kitCart, pgLiveState, seatedEvent } from "./booking-test-kit.ts";
import { createHold } from "./create-hold.ts";
import { releaseHold, sweepExpiredHolds } from "./end-hold.ts";
import { getAvailability } from "./get-availability.ts";

const h = useHarness();
const CAPACITY = 6;
const SEATS = 4;
const TTL_MS = 60_000;

type TAction = { kind: "hold"; quantity: number; seats: number[] } | { kind: "release"; pick: number } | { kind: "tick"; seconds: number } | { kind: "flush" };

const actionArb: fc.Arbitrary<TAction> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("hold" as const),
      quantity: fc.integer({ min: 0, max: 4 }),
      seats: fc.uniqueArray(fc.integer({ min: 0, max: SEATS - 1 }), { maxLength: 2 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("release" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("tick" as const), seconds: fc.integer({ min: 1, max: 45 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("flush" as const) }) },
);

interface TModelHold {
  id: string;
  cart: Awaited<ReturnType<typeof kitCart>>;
  quantity: number;
  seats: number[];
  expiresAt: number;
}

async function runScenario(actions: TAction[]) {
  const { event, seatIds } = await seatedEvent(h, { seatsPerRow: SEATS });
  const gaType = await h.make.ticketType(event.id, { capacity: CAPACITY });
  await h.db.event.update({ where: { id: event.id }, data: { holdTtlSeconds: TTL_MS / 1000 } });
  const clock = fixedClock(new Date());
  const deps = bookingDeps(h, clock);
  const live: TModelHold[] = [];
  const heldGa = () => live.reduce((sum, hold) => sum + hold.quantity, 0);
  const heldSeats = () => live.flatMap((hold) => hold.seats);

  for (const action of actions) {
    if (action.kind === "hold") {
      if (action.quantity === 0 && action.seats.length === 0) continue;
      const cart = await kitCart(h);
      const items = [
        ...(action.quantity ? [{ ticketTypeId: gaType.id, quantity: action.quantity }] : []),
        ...action.seats.map((s) => ({ seatId: seatIds[s]! })),
      ];
      const expected = action.quantity > CAPACITY - heldGa() ? "SOLD_OUT" : action.seats.some((s) => heldSeats().includes(s)) ? "SEAT_TAKEN" : "OK";
      const outcome = await createHold(deps, cart, { admissionToken: null }, { eventId: event.id, items }).then(
        (hold) => (live.push({ id: hold.id, cart, quantity: action.quantity, seats: action.seats, expiresAt: clock.now().getTime() + TTL_MS }), "OK"),
        (error: { code?: string }) => error.code,
      );
      expect(outcome).toBe(expected);
    } else if (action.kind === "release") {
      const hold = live[action.pick % Math.max(1, live.length)];
      if (!hold) continue;
      await releaseHold(deps, hold.cart, hold.id);
      live.splice(live.indexOf(hold), 1);
    } else if (action.kind === "tick") {
      clock.advance(action.seconds * 1000);
      await sweepExpiredHolds(deps, { eventId: event.id });
      for (const hold of [...live]) if (hold.expiresAt <= clock.now().getTime()) live.splice(live.indexOf(hold), 1);
    } else {
      await flushEventInventory(h.redis, h.redisPrefix, event.id);
    }

    const availability = await getAvailability(deps, event.id);
    expect(availability.ticketTypes).toEqual([{ ticketTypeId: gaType.id, available: CAPACITY - heldGa() }]);
    expect(availability.unavailableSeatIds).toEqual(
      heldSeats()
        .map((s) => seatIds[s]!)
        .sort(),
    );
    const pg = await pgLiveState(h.db, event.id);
    expect(pg.gaHeld.get(gaType.id) ?? 0).toBe(heldGa());
    expect(pg.heldCounter.get(gaType.id) ?? 0).toBe(heldGa());
    expect([...pg.seatHolds.keys()].sort()).toEqual(
      heldSeats()
        .map((s) => seatIds[s]!)
        .sort(),
    );
    expect(pg.maxHoldsPerSeat).toBeLessThanOrEqual(1);
  }
}

describe("hold engine against a model (fast-check)", () => {
  it("Redis and PostgreSQL availability equal the model after every step", async () => {
    await fc.assert(fc.asyncProperty(fc.array(actionArb, { minLength: 1, maxLength: 14 }), runScenario), { numRuns: 40 });
  }, 120_000);
});
