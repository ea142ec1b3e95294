// Hold expiry at the TTL boundary, release, and stock returning exactly once.
import { Queue } from "bullmq";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps, kitCart } from "./booking-test-kit.ts";
import { createHold } from "./create-hold.ts";
import { endHold, expireHold, releaseEndedHoldsLeftInRedis, releaseHold, sweepExpiredHolds } from "./end-hold.ts";
import { getAvailability } from "./get-availability.ts";
import { getHold } from "./get-hold.ts";
import { bookingHoldExpire, expireHoldJobId, QUEUE_NAMES, queuePrefix } from "../../jobs/index.ts";

const h = useHarness();
const TTL_S = 60;
const noAdmission = { admissionToken: null };

async function setUp(capacity = 10) {
  const { event, ticketType } = await h.make.gaEvent({ capacity });
  await h.db.event.update({ where: { id: event.id }, data: { holdTtlSeconds: TTL_S } });
  const clock = fixedClock(new Date());
  const deps = bookingDeps(h, clock);
  const cart = await kitCart(h);
  const hold = await createHold(deps, cart, noAdmission, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 4 }] });
  const available = async () => (await getAvailability(deps, event.id)).ticketTypes[0]!.available;
  return { event, ticketType, clock, deps, cart, hold, available };
}

describe("hold expiry", () => {
  it("expires at the TTL boundary, not 1 ms before, through the job function and the sweeper", async () => {
    const { event, clock, deps, cart, hold, available } = await setUp();
    expect(hold.expiresAt.getTime()).toBe(clock.now().getTime() + TTL_S * 1000);
    expect(await available()).toBe(6);

    clock.set(new Date(hold.expiresAt.getTime() - 1));
    expect(await expireHold(deps, hold.id)).toBe(false);
    expect(await sweepExpiredHolds(deps, { eventId: event.id })).toBe(0);
    expect((await getHold(deps, cart, hold.id)).status).toBe("ACTIVE");
    expect(await available()).toBe(6);

    clock.set(hold.expiresAt);
    expect((await getHold(deps, cart, hold.id)).status).toBe("EXPIRED");
    expect(await sweepExpiredHolds(deps, { eventId: event.id })).toBe(1);
    expect(await available()).toBe(10);
    const row = await h.db.hold.findUniqueOrThrow({ where: { id: hold.id }, include: { items: true } });
    expect(row).toMatchObject({ status: "EXPIRED", endedAt: hold.expiresAt });
    expect(row.items.every((item) => !item.live)).toBe(true);
    // The expiry job of the same hold later finds nothing to do.
    expect(await expireHold(deps, hold.id)).toBe(false);
    expect(await available()).toBe(10);
  });

  it("gives back the stock of a hold that ended in PostgreSQL while its Redis release was lost", async () => {
    const { clock, deps, hold, available } = await setUp();
    // The process died (or Redis failed) between the UPDATE and RELEASE_LUA.
    await h.db.hold.update({
      where: { id: hold.id },
      data: { status: "RELEASED", endedAt: clock.now(), items: { updateMany: { where: {}, data: { live: false } } } },
    });
    expect(await available()).toBe(6);
    const since = new Date(clock.now().getTime() - 1);
    expect((await releaseEndedHoldsLeftInRedis(deps, since)).released).toBe(1);
    expect(await available()).toBe(10);
    const again = await releaseEndedHoldsLeftInRedis(deps, since);
    expect(again.released).toBe(0);
    expect(again.checkedThrough).toEqual(new Date(clock.now().getTime() - 60_000));
    expect(await available()).toBe(10);
  });

  it("returns stock exactly once when expire runs many times concurrently", async () => {
    const { clock, deps, hold, available } = await setUp();
    clock.set(new Date(hold.expiresAt.getTime() + 1));
    const results = await Promise.all(Array.from({ length: 10 }, () => expireHold(deps, hold.id)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await available()).toBe(10);
  });

  it("release returns stock once; a later expiry or release changes nothing; extending is impossible", async () => {
    const { clock, deps, cart, hold, available } = await setUp();
    const [released] = await Promise.all([releaseHold(deps, cart, hold.id), releaseHold(deps, cart, hold.id)]);
    expect(released.status).toBe("RELEASED");
    expect(await available()).toBe(10);
    clock.set(new Date(hold.expiresAt.getTime() + 1));
    expect(await expireHold(deps, hold.id)).toBe(false);
    expect(await endHold(deps, hold.id, "RELEASED")).toBe(false);
    expect(await available()).toBe(10);
    expect((await h.db.hold.findUniqueOrThrow({ where: { id: hold.id } })).status).toBe("RELEASED");
  });

  it("releasing a hold whose time is up answers HOLD_EXPIRED and expires it", async () => {
    const { clock, deps, cart, hold, available } = await setUp();
    clock.set(hold.expiresAt);
    await expect(releaseHold(deps, cart, hold.id)).rejects.toMatchObject({ code: "HOLD_EXPIRED" });
    expect((await h.db.hold.findUniqueOrThrow({ where: { id: hold.id } })).status).toBe("EXPIRED");
    expect(await available()).toBe(10);
  });

  it("enqueues one delayed expiry job per hold on the booking queue", async () => {
    const { hold, clock } = await setUp();
    const queue = new Queue(QUEUE_NAMES.booking, { connection: h.redis, prefix: queuePrefix(h.redisPrefix, QUEUE_NAMES.booking) });
    try {
      const job = await queue.getJob(expireHoldJobId(hold.id));
      expect(job?.name).toBe(bookingHoldExpire.name);
      expect(job?.data).toEqual({ holdId: hold.id });
      expect(job?.opts.delay).toBe(hold.expiresAt.getTime() - clock.now().getTime());
      expect(await job?.getState()).toBe("delayed");
    } finally {
      await queue.close();
    }
  });
});
