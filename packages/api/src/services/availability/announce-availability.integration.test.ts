// Live availability end to end: real PostgreSQL + Redis, a Soketi of our own on a free port, and a
// pusher-js client on the public channel event-<eventId>.
import { beforeAll, describe, expect, it } from "vitest";
import { fixedClock, systemClock } from "../../clock.ts";
import { createRealtimePublisher } from "../../realtime/publisher.ts";
import { useHarness } from "../../testing/harness.ts";
import { useTestSoketi } from "../../testing/soketi.ts";
import { bookingDeps, flushEventInventory, kitCart, kitCarts, seatedEvent } from "../booking/booking-test-kit.ts";
import { createHold } from "../booking/create-hold.ts";
import { endHold, sweepExpiredHolds } from "../booking/end-hold.ts";
import { getAvailability } from "../booking/get-availability.ts";
import type { TBookingDepsWithQueues } from "../booking/types.ts";
import { announceAvailabilityChange, AVAILABILITY_EVENT, availabilityChannel, catchUpAvailability, publishAvailability } from "./announce-availability.ts";
import { availabilityKeys } from "./availability-keys.ts";
import type { TAvailabilityMessage } from "./availability-message.ts";

const h = useHarness();
const noAdmission = { admissionToken: null };
const soketi = useTestSoketi();
let deps: TBookingDepsWithQueues;

beforeAll(() => {
  deps = { ...bookingDeps(h), realtime: createRealtimePublisher(soketi.config) };
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every `availability` message of the event's channel, with its arrival time. */
async function listen(eventId: string) {
  const channel = soketi.connect().subscribe(availabilityChannel(eventId));
  await soketi.subscribed(channel);
  const messages: { at: number; message: TAvailabilityMessage }[] = [];
  channel.bind(AVAILABILITY_EVENT, (message: TAvailabilityMessage) => messages.push({ at: Date.now(), message }));
  /** Resolves with the first message (from index `from` on) that satisfies `test`. */
  const waitFor = async (test: (message: TAvailabilityMessage) => boolean, from = 0, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.slice(from).find(({ message }) => test(message));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching availability message; got ${JSON.stringify(messages.map((m) => m.message.version))}`);
      await sleep(10);
    }
  };
  return { messages, waitFor };
}

/** What a client holds: availability.get, then each message applied (or a refetch when told). */
function applyMessage(state: { version: number; unavailable: Set<string> }, message: TAvailabilityMessage): "applied" | "ignored" | "refetch" {
  if (message.version <= state.version) return "ignored";
  if ("resync" in message.seats || message.previousVersion === null || message.previousVersion > state.version) return "refetch";
  for (const [seatId, seatState] of message.seats.changed) {
    if (seatState === "free") state.unavailable.delete(seatId);
    else state.unavailable.add(seatId);
  }
  state.version = message.version;
  return "applied";
}

describe("live availability on event-<eventId>", () => {
  it("publishes a change whose announcement was lost on the next catch-up, and nothing when nothing changed", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    const { messages, waitFor } = await listen(event.id);
    // The process that made this change died before announcing it.
    await createHold({ ...deps, realtime: null }, await kitCart(h), noAdmission, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 3 }] });
    await sleep(150);
    expect(messages).toHaveLength(0);
    expect(await catchUpAvailability(deps)).toBeGreaterThanOrEqual(1);
    const { message } = await waitFor((m) => m.eventId === event.id);
    expect(message.ticketTypes).toEqual([{ ticketTypeId: ticketType.id, available: 7 }]);
    expect(message.version).toBe((await getAvailability(deps, event.id)).version);
    await sleep(150);
    await catchUpAvailability(deps);
    await sleep(250);
    expect(messages).toHaveLength(1);
  });

  it("a hold is announced with the new counts and the version availability.get answers", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    await getAvailability(deps, event.id);
    const { waitFor } = await listen(event.id);
    await createHold(deps, await kitCart(h), noAdmission, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 3 }] });
    const started = Date.now();
    const { at, message } = await waitFor((m) => m.ticketTypes[0]?.available === 7);
    const availability = await getAvailability(deps, event.id);
    expect(message).toMatchObject({ eventId: event.id, version: availability.version, ticketTypes: [{ ticketTypeId: ticketType.id, available: 7 }] });
    expect(availability.ticketTypes).toEqual(message.ticketTypes);
    console.info(`availability: createHold returned -> pusher-js message in ${at - started} ms (coalescing window 100 ms)`);
  });

  it("50 rapid holds and releases: at most ~10 messages a second, the last one is the final state", async () => {
    const { event, seatIds } = await seatedEvent(h, { rows: 5, seatsPerRow: 10 });
    await getAvailability(deps, event.id);
    // The first message of an event is a resync (nothing published to diff against): publish it now.
    await publishAvailability(deps, event.id);
    const initial = await getAvailability(deps, event.id);
    const client = { version: initial.version, unavailable: new Set(initial.unavailableSeatIds) };
    const { messages, waitFor } = await listen(event.id);
    const carts = await kitCarts(h, 25);
    const started = Date.now();
    const holds = [];
    for (let i = 0; i < 25; i++) {
      holds.push(await createHold(deps, carts[i]!, noAdmission, { eventId: event.id, items: [{ seatId: seatIds[i]! }] }));
      if (i % 2 === 1) await endHold(deps, holds[i - 1]!.id, "RELEASED");
    }
    // 25 holds + 12 releases so far; the other 13 holds released now: 50 changes in a row.
    for (const hold of holds.filter((_, i) => i % 2 === 1 || i === 24)) await endHold(deps, hold.id, "RELEASED");
    const elapsed = Date.now() - started;
    const final = await getAvailability(deps, event.id);
    await waitFor((message) => message.version === final.version);
    await sleep(300);

    const versions = messages.map(({ message }) => message.version);
    console.info(`availability: 50 changes in ${elapsed} ms -> ${messages.length} messages`);
    expect(messages.length).toBeGreaterThan(1);
    expect(versions.at(-1)).toBe(final.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    for (const { at } of messages) expect(messages.filter((other) => other.at >= at && other.at < at + 1_000).length).toBeLessThanOrEqual(11);
    expect(messages.length).toBeLessThanOrEqual(Math.ceil((elapsed + 300) / 100) + 1);
    for (const { message } of messages) expect(applyMessage(client, message)).toBe("applied");
    expect([...client.unavailable].sort()).toEqual(final.unavailableSeatIds);
    expect(final.unavailableSeatIds).toHaveLength(0);
  });

  it("changes while this process's publish is pending claim the gate once; the next change after it claims again", async () => {
    const { event, seatIds } = await seatedEvent(h, { seatsPerRow: 3 });
    await publishAvailability(deps, event.id);
    let claims = 0;
    const redis = new Proxy(h.redis, {
      get(target, property) {
        if (property === "set") return (...args: Parameters<typeof target.set>) => ((claims += 1), target.set(...args));
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const counted = { ...deps, redis };
    const { waitFor } = await listen(event.id);
    // The hold claims the gate and schedules this process's publish; the burst after it calls no Redis.
    await createHold(deps, await kitCart(h), noAdmission, { eventId: event.id, items: [{ seatId: seatIds[0]! }] });
    for (let i = 0; i < 20; i++) await announceAvailabilityChange(counted, event.id);
    expect(claims).toBe(0);
    const held = await getAvailability(deps, event.id);
    await waitFor((message) => message.version === held.version);
    // Published: a change now opens the next window, and it is published too.
    const hold = await h.db.hold.findFirstOrThrow({ where: { eventId: event.id } });
    await endHold(counted, hold.id, "RELEASED");
    expect(claims).toBe(1);
    const released = await getAvailability(deps, event.id);
    await waitFor((message) => message.version === released.version);
  });

  it("a 2,000-seat event stays under 10 KB a message: big changes become a resync", async () => {
    const { event, seatIds } = await seatedEvent(h, { rows: 40, seatsPerRow: 50 });
    expect(seatIds).toHaveLength(2_000);
    await h.db.event.update({ where: { id: event.id }, data: { maxPerOrder: 100 } });
    await getAvailability(deps, event.id);
    await publishAvailability(deps, event.id);
    const { messages, waitFor } = await listen(event.id);

    const seats = seatIds.slice(0, 50).map((seatId) => ({ seatId }));
    const hold = await createHold(deps, await kitCart(h), noAdmission, { eventId: event.id, items: seats });
    const small = await waitFor((message) => "changed" in message.seats);
    expect(small.message.seats).toEqual({ changed: seats.map(({ seatId }) => [seatId, "held"]).sort() });

    // 500 seats blocked by the organiser, then the inventory is rebuilt: every seat may have changed.
    await h.db.seat.updateMany({ where: { id: { in: seatIds.slice(1_000, 1_500) } }, data: { blocked: true } });
    await flushEventInventory(h.redis, h.redisPrefix, event.id);
    const rebuilt = await getAvailability(deps, event.id);
    const resync = await waitFor((message) => message.version === rebuilt.version, messages.length);
    expect(resync.message.seats).toEqual({ resync: true });

    // 250 seats changing in one window do not fit in 9 KB as a diff: a resync again. (The window's
    // gate is taken by the test, so all three changes fall into the next publish.)
    const gate = availabilityKeys(h.redisPrefix, event.id).gate;
    await h.redis.set(gate, "test", "PX", 60_000);
    const many = await kitCarts(h, 2);
    await endHold(deps, hold.id, "RELEASED");
    await createHold(deps, many[0]!, noAdmission, { eventId: event.id, items: seatIds.slice(100, 200).map((seatId) => ({ seatId })) });
    await createHold(deps, many[1]!, noAdmission, { eventId: event.id, items: seatIds.slice(200, 300).map((seatId) => ({ seatId })) });
    await h.redis.del(gate);
    await announceAvailabilityChange(deps, event.id);
    const final = await getAvailability(deps, event.id);
    const last = await waitFor((message) => message.version === final.version, messages.length);
    expect(last.message.seats).toEqual({ resync: true });
    for (const { message } of messages) expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(10 * 1024);
  });

  it("an expiry (the booking worker's sweep) is announced", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    await h.db.event.update({ where: { id: event.id }, data: { holdTtlSeconds: 60 } });
    const past = { ...deps, clock: fixedClock(new Date(Date.now() - 60_000)) };
    await createHold(past, await kitCart(h), noAdmission, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 4 }] });
    const { waitFor } = await listen(event.id);
    await sleep(150);
    expect(await sweepExpiredHolds({ ...deps, clock: systemClock }, { eventId: event.id })).toBe(1);
    const { message } = await waitFor((m) => m.ticketTypes[0]?.available === 10);
    expect(message.version).toBe((await getAvailability(deps, event.id)).version);
  });

  it("a Soketi that refuses never fails a hold", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    const refusing = { ...deps, realtime: createRealtimePublisher({ ...soketi.config, secret: "not-the-secret" }) };
    const hold = await createHold(refusing, await kitCart(h), noAdmission, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] });
    expect(hold.status).toBe("ACTIVE");
    await sleep(200);
  });
});
