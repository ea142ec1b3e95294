// The waiting room against real PostgreSQL and Redis: order, shuffle, stock-aware admission,
// single-use cart-bound tokens, closing at sell-out, and a rebuild after Redis lost the queue.
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps, flushEventInventory, kitCart, kitCarts } from "../booking/booking-test-kit.ts";
import { createHold } from "../booking/create-hold.ts";
import { releaseHold } from "../booking/end-hold.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import { tickWaitingRoom } from "./admit.ts";
import { redisScript } from "../../lib/redis-scripts.ts";
import { POSITIONS_LUA } from "./queue-lua.ts";
import { readAdmissionToken, signAdmissionToken } from "./admission-token.ts";
import { joinQueue } from "./join-queue.ts";
import { loadQueueEvent } from "./queue-event.ts";
import { queueKeys } from "./queue-keys.ts";
import type { TQueueStatus } from "./queue-schemas.ts";
import { getQueueStatus } from "./queue-status.ts";
import { startMailCatcher } from "@marquee/dev/services/mail-catcher";
import { findFreePort } from "@marquee/dev/services/net";
import { createMailer } from "../mail/create-mailer.ts";
import { sendAdmissionEmail } from "./admission-email.ts";

const h = useHarness();
const MINUTE = 60_000;

async function queuedEvent({
  capacity = 5,
  overbookPct = 100,
  soldCount = 0,
  onSaleInMs = -MINUTE,
  opensInMs = -10 * MINUTE,
  admitPerMinute = null as number | null,
  clock = fixedClock(new Date()),
} = {}) {
  const now = clock.now().getTime();
  const { event, ticketType } = await h.make.gaEvent({
    capacity,
    event: {
      waitingRoomEnabled: true,
      waitingRoomOverbookPct: overbookPct,
      waitingRoomOpensAt: new Date(now + opensInMs),
      onSaleAt: new Date(now + onSaleInMs),
      admissionTtlSeconds: 300,
      waitingRoomAdmitPerMinute: admitPerMinute,
    },
  });
  if (soldCount) await h.db.ticketType.update({ where: { id: ticketType.id }, data: { soldCount } });
  const deps = bookingDeps(h, clock);
  return { event, ticketType, clock, deps, queueEvent: await loadQueueEvent(h.db, event.id) };
}

/** Joins one after another, 1 ms apart (arrivals within one ms are ordered at random). */
async function joinAll(
  deps: ReturnType<typeof bookingDeps>,
  clock: ReturnType<typeof fixedClock>,
  carts: TResolvedCart[],
  eventId: string,
): Promise<TQueueStatus[]> {
  const statuses: TQueueStatus[] = [];
  for (const cart of carts) {
    statuses.push(await joinQueue(deps, cart, eventId));
    clock.advance(1);
  }
  return statuses;
}

const holdOne = (deps: ReturnType<typeof bookingDeps>, cart: TResolvedCart, eventId: string, ticketTypeId: string, admissionToken: string | null) =>
  createHold(deps, cart, { admissionToken }, { eventId, items: [{ ticketTypeId, quantity: 1 }] });

describe("waiting room", () => {
  it("admits only what can still be bought, in arrival order, and re-admits as holds come back", async () => {
    const { event, ticketType, clock, deps, queueEvent } = await queuedEvent({ capacity: 5 });
    const carts = await kitCarts(h, 12);
    const joined = await joinAll(deps, clock, carts, event.id);
    expect(joined.slice(0, 5).map((s) => s.status)).toEqual(Array(5).fill("ADMITTED"));
    expect(joined.slice(5).map((s) => [s.status, s.position])).toEqual([5, 6, 7, 8, 9, 10, 11].map((n, i) => ["WAITING", i + 1]));
    expect((await tickWaitingRoom(deps, queueEvent))!.admitted).toEqual([]);

    // Three admitted buyers hold one each: 2 left to buy, 2 admissions outstanding, nobody new.
    const holds = [];
    for (const index of [0, 1, 2]) holds.push(await holdOne(deps, carts[index]!, event.id, ticketType.id, joined[index]!.admissionToken));
    expect((await tickWaitingRoom(deps, queueEvent))!.admitted).toEqual([]);
    // One gives its ticket back: the next in line (and only they) are admitted.
    await releaseHold(deps, carts[0]!, holds[0]!.id);
    const tick = await tickWaitingRoom(deps, queueEvent);
    expect(tick!.admitted).toEqual([joined[5]!.queueTicketId]);
    expect((await getQueueStatus(deps, carts[5]!, joined[5]!.queueTicketId)).status).toBe("ADMITTED");
    expect((await getQueueStatus(deps, carts[6]!, joined[6]!.queueTicketId)).position).toBe(1);
    expect(await h.db.queueTicket.count({ where: { eventId: event.id, status: "ADMITTED" } })).toBe(3);
    expect(await h.db.queueTicket.count({ where: { eventId: event.id, status: "USED" } })).toBe(3);
  });

  it("overbooks by the event's factor", async () => {
    const { event, deps } = await queuedEvent({ capacity: 4, overbookPct: 150 });
    const statuses = [];
    for (const cart of await kitCarts(h, 8)) statuses.push((await joinQueue(deps, cart, event.id)).status);
    expect(statuses.filter((s) => s === "ADMITTED")).toHaveLength(6);
  });

  it("caps the outflow at the event's admissions per minute (a quarter second of burst)", async () => {
    const { event, clock, deps, queueEvent } = await queuedEvent({ capacity: 100, admitPerMinute: 480 });
    const joined = await joinAll(deps, clock, await kitCarts(h, 10), event.id);
    expect(joined.filter((s) => s.status === "ADMITTED")).toHaveLength(2);
    expect((await tickWaitingRoom(deps, queueEvent))!.admitted).toEqual([]);
    clock.advance(250);
    expect((await tickWaitingRoom(deps, queueEvent))!.admitted).toEqual([joined[2]!.queueTicketId, joined[3]!.queueTicketId]);
    clock.advance(10_000);
    expect((await tickWaitingRoom(deps, queueEvent))!.admitted).toHaveLength(2);
  });

  it("shuffles the early arrivals at the on-sale and queues later arrivals behind them, first come first served", async () => {
    // Nothing left to admit (all sold): the order stays visible.
    const { event, clock, deps } = await queuedEvent({ capacity: 5, soldCount: 5, onSaleInMs: MINUTE });
    const early = await kitCarts(h, 30);
    const earlyTickets: TQueueStatus[] = [];
    for (const cart of early) earlyTickets.push(await joinQueue(deps, cart, event.id));
    expect(earlyTickets.every((s) => s.status === "WAITING" && s.preQueue && s.position === null && s.etaSeconds === 60)).toBe(true);
    clock.advance(2 * MINUTE);
    const late = await kitCarts(h, 10);
    for (const cart of late) {
      await joinQueue(deps, cart, event.id);
      clock.advance(5);
    }
    const position = async (cart: TResolvedCart, ticketId: string) => (await getQueueStatus(deps, cart, ticketId)).position!;
    const earlyPositions = await Promise.all(early.map((cart, i) => position(cart, earlyTickets[i]!.queueTicketId)));
    const lateTickets = await h.db.queueTicket.findMany({ where: { cartId: { in: late.map((c) => c.id) } }, select: { id: true, cartId: true } });
    const latePositions = await Promise.all(late.map((cart) => position(cart, lateTickets.find((t) => t.cartId === cart.id)!.id)));
    expect([...earlyPositions].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // A random draw of 30: arrival order comes out with probability 1/30!.
    expect(earlyPositions).not.toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(latePositions).toEqual(Array.from({ length: 10 }, (_, i) => 31 + i));
  });

  it("keeps admission tokens single-use, bound to the cart and the event, and expiring", async () => {
    const { event, ticketType, clock, deps, queueEvent } = await queuedEvent({ capacity: 3 });
    const [a, b, c, d] = await kitCarts(h, 4);
    const statusA = await joinQueue(deps, a!, event.id);
    const statusC = await joinQueue(deps, c!, event.id);
    const tokenA = statusA.admissionToken!;
    expect(readAdmissionToken(tokenA)).toMatchObject({ queueTicketId: statusA.queueTicketId, eventId: event.id, cartId: a!.id });
    const refused = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toMatchObject({ code });
    const two = (cart: TResolvedCart, admissionToken: string | null) =>
      createHold(deps, cart, { admissionToken }, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 2 }] });

    await refused(holdOne(deps, a!, event.id, ticketType.id, null), "QUEUE_REQUIRED");
    await refused(holdOne(deps, b!, event.id, ticketType.id, tokenA), "ADMISSION_INVALID");
    await refused(holdOne(deps, a!, event.id, ticketType.id, `${tokenA.slice(0, -4)}AAAA`), "ADMISSION_INVALID");
    const [, , signature] = tokenA.split(".");
    const forgedPayload = signAdmissionToken({ ...readAdmissionToken(tokenA)!, cartId: b!.id }).split(".")[1];
    await refused(holdOne(deps, b!, event.id, ticketType.id, `v1.${forgedPayload}.${signature}`), "ADMISSION_INVALID");

    // c takes 2 of 3; a's hold of 2 fails (sold out) and leaves a's admission usable; a hold spends it.
    const holdC = await two(c!, statusC.admissionToken);
    await refused(two(a!, tokenA), "SOLD_OUT");
    await holdOne(deps, a!, event.id, ticketType.id, tokenA);
    await refused(holdOne(deps, a!, event.id, ticketType.id, tokenA), "ADMISSION_INVALID");
    expect((await getQueueStatus(deps, a!, statusA.queueTicketId)).status).toBe("USED");

    // d waits (nothing left), is admitted when c gives 2 back, and lets the admission lapse.
    const statusD = await joinQueue(deps, d!, event.id);
    expect(statusD).toMatchObject({ status: "WAITING", position: 1 });
    await releaseHold(deps, c!, holdC.id);
    expect((await tickWaitingRoom(deps, queueEvent))!.admitted).toEqual([statusD.queueTicketId]);
    const tokenD = (await getQueueStatus(deps, d!, statusD.queueTicketId)).admissionToken!;
    clock.advance(301_000);
    await refused(holdOne(deps, d!, event.id, ticketType.id, tokenD), "ADMISSION_INVALID");
    expect((await tickWaitingRoom(deps, queueEvent))!.lapsed).toEqual([statusD.queueTicketId]);
    expect((await h.db.queueTicket.findUniqueOrThrow({ where: { id: statusD.queueTicketId } })).status).toBe("EXPIRED");
    expect((await getQueueStatus(deps, d!, statusD.queueTicketId)).status).toBe("EXPIRED");
    // Joining again puts d back in line (admitted at once here: stock is free) with a new token.
    const again = await joinQueue(deps, d!, event.id);
    expect(again).toMatchObject({ queueTicketId: statusD.queueTicketId, status: "ADMITTED" });
    expect(again.admissionToken).not.toBe(tokenD);
  });

  it("lets one of many concurrent holds with the same token through", async () => {
    const { event, ticketType, deps } = await queuedEvent({ capacity: 10 });
    const cart = await kitCart(h);
    const { admissionToken } = await joinQueue(deps, cart, event.id);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => holdOne(deps, cart, event.id, ticketType.id, admissionToken)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(7).fill("ADMISSION_INVALID"));
    expect(await h.db.holdItem.count({ where: { eventId: event.id, live: true } })).toBe(1);
  });

  it("closes at sell-out: everyone waiting and every later arrival is told CLOSED", async () => {
    const { event, ticketType, deps, queueEvent } = await queuedEvent({ capacity: 2 });
    const carts = await kitCarts(h, 5);
    const tickets = [];
    for (const cart of carts) tickets.push(await joinQueue(deps, cart, event.id));
    for (const index of [0, 1])
      await createHold(
        deps,
        carts[index]!,
        { admissionToken: tickets[index]!.admissionToken },
        { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
      );
    // Live holds may still come back: the queue stays open.
    expect((await tickWaitingRoom(deps, queueEvent))!.closed).toBe(false);
    // Both holds become sales (what checkout does: holds end, soldCount grows) and Redis is rebuilt.
    await h.db.holdItem.updateMany({ where: { eventId: event.id }, data: { live: false } });
    await h.db.hold.updateMany({ where: { eventId: event.id }, data: { status: "CONVERTED" } });
    await h.db.ticketType.update({ where: { id: ticketType.id }, data: { soldCount: 2 } });
    await flushEventInventory(h.redis, h.redisPrefix, event.id);
    expect((await tickWaitingRoom(deps, queueEvent))!.closed).toBe(true);
    for (const index of [2, 3, 4]) expect((await getQueueStatus(deps, carts[index]!, tickets[index]!.queueTicketId)).status).toBe("CLOSED");
    expect(await h.db.queueTicket.count({ where: { eventId: event.id, status: "CLOSED" } })).toBe(3);
    expect((await joinQueue(deps, await kitCart(h), event.id)).status).toBe("CLOSED");
  });

  it("rebuilds the queue from PostgreSQL after Redis lost it: order and admissions kept", async () => {
    const { event, clock, deps } = await queuedEvent({ capacity: 2 });
    const carts = await kitCarts(h, 6);
    await joinAll(deps, clock, carts, event.id);
    const before = await Promise.all(
      carts.map(async (cart) => getQueueStatus(deps, cart, (await h.db.queueTicket.findFirstOrThrow({ where: { cartId: cart.id } })).id)),
    );
    const keys = queueKeys(h.redisPrefix, event.id);
    await h.redis.del(keys.waiting, keys.admitted, keys.state, keys.ready);
    const after = await Promise.all(carts.map((cart, i) => getQueueStatus(deps, cart, before[i]!.queueTicketId)));
    expect(after.map((s) => [s.status, s.position])).toEqual(before.map((s) => [s.status, s.position]));
    expect(after[0]!.admissionToken).toBe(before[0]!.admissionToken);
  });

  it("pushes every move near the front, and further back moves of 2 % within a budget", async () => {
    const keys = queueKeys(h.redisPrefix, crypto.randomUUID());
    const positions = redisScript(POSITIONS_LUA);
    const run = async (budget = 100) =>
      (await positions(h.redis, [keys.listeners, keys.waiting, keys.state, keys.pushed], [100, 10, 20, budget])) as (string | number)[];
    // 200 waiting; listeners at positions 5 and 150.
    await h.redis.zadd(keys.waiting, ...Array.from({ length: 200 }, (_, i) => [String(i), `t${i}`]).flat());
    await h.redis.zadd(keys.listeners, 1, "t4", 2, "t149");
    expect(await run()).toEqual(["t4", 5, "t149", 150]);
    expect(await run()).toEqual([]);
    await h.redis.zrem(keys.waiting, "t0", "t1");
    // t4 moved 5 -> 3 (near the front: pushed); t149 moved 150 -> 148 (1.3 %: not yet).
    expect(await run()).toEqual(["t4", 3]);
    await h.redis.zrem(keys.waiting, "t2");
    expect(await run()).toEqual(["t4", 2, "t149", 147]);
    await h.redis.zrem(keys.waiting, "t4");
    // Admitted or gone: dropped from the listeners.
    await run();
    expect(await h.redis.zrange(keys.listeners, "0", "-1")).toEqual(["t149"]);
    // Further back, at most `budget` pushes a call; the near front is always pushed.
    await h.redis.zadd(keys.listeners, 3, "t150", 4, "t151", 5, "t5");
    expect(await run(1)).toEqual(["t5", 2, "t150", 147]);
    expect(await run(1)).toEqual(["t151", 148]);
    await h.redis.del(keys.waiting, keys.listeners, keys.state, keys.pushed);
  });

  it("refuses joining before the room opens, events without a room, and another cart's ticket", async () => {
    const clock = fixedClock(new Date());
    const { event, deps } = await queuedEvent({ clock, onSaleInMs: 20 * MINUTE, opensInMs: 10 * MINUTE });
    const cart = await kitCart(h);
    await expect(joinQueue(deps, cart, event.id)).rejects.toMatchObject({ code: "CONFLICT" });
    clock.advance(15 * MINUTE);
    const status = await joinQueue(deps, cart, event.id);
    expect(status).toMatchObject({ status: "WAITING", preQueue: true, channel: `private-queue-${status.queueTicketId}` });
    expect((await h.db.queueTicket.findUniqueOrThrow({ where: { id: status.queueTicketId } })).joinedAt).toEqual(clock.now());
    expect(await joinQueue(deps, cart, event.id)).toMatchObject({ queueTicketId: status.queueTicketId });
    await expect(getQueueStatus(deps, await kitCart(h), status.queueTicketId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { event: plain } = await h.make.gaEvent();
    await expect(joinQueue(deps, cart, plain.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("tells a buyer who left an e-mail address when it is their turn: outbox event with the admission, one e-mail", async () => {
    const { event, ticketType, clock, deps, queueEvent } = await queuedEvent({ capacity: 1 });
    const [first, second, silent] = await kitCarts(h, 3);
    await joinQueue(deps, first!, event.id, { notifyEmail: "first@example.test" });
    clock.advance(1);
    const waiting = await joinQueue(deps, second!, event.id, { notifyEmail: "Second@Example.test", locale: "de" });
    clock.advance(1);
    await joinQueue(deps, silent!, event.id);
    const admittedEvents = () =>
      h.db.outboxEvent.findMany({ where: { topic: "queue.admitted", payload: { path: ["eventId"], equals: event.id } }, select: { aggregateId: true } });
    expect(await admittedEvents()).toHaveLength(1);

    // The first buyer's hold comes back: the second is admitted, and only they get an event.
    const status = await getQueueStatus(deps, first!, (await h.db.queueTicket.findFirstOrThrow({ where: { cartId: first!.id } })).id);
    const hold = await holdOne(deps, first!, event.id, ticketType.id, status.admissionToken);
    await releaseHold(deps, first!, hold.id);
    expect((await tickWaitingRoom(deps, queueEvent))!.admitted).toEqual([waiting.queueTicketId]);
    expect((await admittedEvents()).map((row) => row.aggregateId)).toContain(waiting.queueTicketId);
    expect(await h.db.queueTicket.findUniqueOrThrow({ where: { id: waiting.queueTicketId } })).toMatchObject({
      notifyEmail: "second@example.test",
      locale: "de",
    });

    // The notification worker's job, delivered twice: one e-mail, in German, linking to the event.
    const catcher = await startMailCatcher({ smtpPort: await findFreePort(), httpPort: await findFreePort() });
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${catcher.smtpPort}`, from: "Marquee <tickets@marquee.local>" });
    try {
      const mailDeps = { db: h.db, mailer, webUrl: "http://localhost:3000" };
      expect(await sendAdmissionEmail(mailDeps, waiting.queueTicketId)).toBe(true);
      expect(await sendAdmissionEmail(mailDeps, waiting.queueTicketId)).toBe(false);
      const mail = catcher.messages();
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({ to: ["second@example.test"], text: expect.stringContaining(`/events/${event.slug}?queue=${waiting.queueTicketId}`) });
      expect(mail[0]!.text?.startsWith("Hallo")).toBe(true);
    } finally {
      mailer.close();
      await catcher.close();
    }
  });
});
