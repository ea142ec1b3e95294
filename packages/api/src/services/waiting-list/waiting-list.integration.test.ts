// The waiting list against real PostgreSQL, Redis and an SMTP catcher: the story (sold
// out, join, stock returns, the offer e-mail's link gives that buyer a hold nobody else can take,
// an unused offer passes on), one entry per address, bad tokens, pause, the public gate, the
// waiting room never admitting for the list's stock, and two offer runs at once.
import { startMailCatcher } from "@marquee/dev/services/mail-catcher";
import { findFreePort } from "@marquee/dev/services/net";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps, kitCart } from "../booking/booking-test-kit.ts";
import { createHold } from "../booking/create-hold.ts";
import { expireHold } from "../booking/end-hold.ts";
import { createMailer } from "../mail/create-mailer.ts";
import { tickWaitingRoom } from "../queue/admit.ts";
import { joinQueue } from "../queue/join-queue.ts";
import { loadQueueEvent } from "../queue/queue-event.ts";
import { claimWaitingListOffer, declineWaitingListOffer, getWaitingListOffer, hashOfferToken, newOfferToken } from "./claim-offer.ts";
import { joinWaitingList, leaveWaitingList } from "./join-waiting-list.ts";
import { sendWaitingListOfferEmail } from "./offer-email.ts";
import { offerReturnedStock, sweepWaitingLists } from "./offer-returned-stock.ts";
import { offerAfterHoldEnded } from "./offer-triggers.ts";

const h = useHarness();
const MINUTE = 60_000;

async function listEvent({ capacity = 2, paused = false, waitingRoom = false, clock = fixedClock(new Date()) } = {}) {
  const now = clock.now().getTime();
  const { event, ticketType } = await h.make.gaEvent({
    capacity,
    event: {
      waitingListEnabled: true,
      waitingListPaused: paused,
      waitingListOfferMinutes: 30,
      holdTtlSeconds: 600,
      ...(waitingRoom
        ? { waitingRoomEnabled: true, waitingRoomOpensAt: new Date(now - 10 * MINUTE), onSaleAt: new Date(now - MINUTE), admissionTtlSeconds: 300 }
        : {}),
    },
  });
  return { event, ticketType, clock, deps: bookingDeps(h, clock) };
}

type TDeps = ReturnType<typeof bookingDeps>;
const holdOf = (deps: TDeps, cart: { id: string; userId: string | null; expiresAt: Date }, eventId: string, ticketTypeId: string, quantity = 1) =>
  createHold(deps, cart, { admissionToken: null }, { eventId, items: [{ ticketTypeId, quantity }] });

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error("expected a refusal");
}

/** Sells the type out with one hold per ticket; answers the holds. */
async function sellOut(deps: TDeps, eventId: string, ticketTypeId: string, capacity: number) {
  const holds = [];
  for (let i = 0; i < capacity; i += 1) holds.push(await holdOf(deps, await kitCart(h), eventId, ticketTypeId));
  return holds;
}

describe("waiting list", () => {
  it("sold out, join, stock returns, the e-mailed link holds for that buyer only, an unused offer passes on", async () => {
    const { event, ticketType, clock, deps } = await listEvent({ capacity: 2 });
    const [holdA, holdB] = await sellOut(deps, event.id, ticketType.id, 2);
    const buyer = await kitCart(h);
    expect((await codeOf(holdOf(deps, buyer, event.id, ticketType.id))).code).toBe("SOLD_OUT");

    const first = await joinWaitingList(deps, buyer, {
      eventId: event.id,
      ticketTypeId: ticketType.id,
      email: "First@Example.test",
      quantity: 1,
      locale: "de",
    });
    expect(first).toMatchObject({ status: "WAITING", place: 1, created: true });
    const second = await joinWaitingList(deps, await kitCart(h), { eventId: event.id, ticketTypeId: ticketType.id, email: "second@example.test", quantity: 1 });
    expect(second.place).toBe(2);
    // One entry per address: joining again answers the same entry and place.
    const again = await joinWaitingList(deps, await kitCart(h), { eventId: event.id, ticketTypeId: ticketType.id, email: "first@example.test", quantity: 3 });
    expect(again).toMatchObject({ entryId: first.entryId, place: 1, quantity: 1, created: false });
    expect(await h.db.waitingListEntry.count({ where: { eventId: event.id } })).toBe(2);

    // A hold expires: its ticket is offered to the first entry, not sold to the public.
    clock.advance(601_000);
    expect(await expireHold(deps, holdA!.id)).toBe(true);
    expect((await offerAfterHoldEnded(deps, holdA!.id)).offered).toEqual([first.entryId]);
    const stranger = await kitCart(h);
    expect(await codeOf(holdOf(deps, stranger, event.id, ticketType.id))).toMatchObject({ code: "SOLD_OUT", details: { reason: "WAITING_LIST" } });

    // The notification job mails the link (German, as the buyer joined), once.
    const catcher = await startMailCatcher({ smtpPort: await findFreePort(), httpPort: await findFreePort() });
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${catcher.smtpPort}`, from: "Marquee <tickets@marquee.local>" });
    let token: string;
    try {
      const mailDeps = { db: h.db, mailer, clock, webUrl: "http://localhost:3000" };
      expect(await sendWaitingListOfferEmail(mailDeps, first.entryId)).toBe(true);
      expect(await sendWaitingListOfferEmail(mailDeps, first.entryId)).toBe(false);
      const mail = catcher.messages();
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({ to: ["first@example.test"] });
      expect(mail[0]!.text?.startsWith("Hallo")).toBe(true);
      token = /\/de\/waiting-list\/offer#token=([A-Za-z0-9_-]{43})/.exec(mail[0]!.text ?? "")![1]!;
    } finally {
      mailer.close();
      await catcher.close();
    }
    const entry = await h.db.waitingListEntry.findUniqueOrThrow({ where: { id: first.entryId } });
    expect(entry.offerTokenHash).toBe(hashOfferToken(token));
    expect(await getWaitingListOffer(deps, token, "en")).toMatchObject({ eventId: event.id, quantity: 1 });

    // The link makes a hold for this buyer; again answers it; another cart cannot use it.
    const claimed = await claimWaitingListOffer(deps, buyer, token);
    expect(await claimWaitingListOffer(deps, buyer, token)).toEqual(claimed);
    expect((await codeOf(claimWaitingListOffer(deps, stranger, token))).code).toBe("OFFER_INVALID");
    expect(await h.db.hold.findUniqueOrThrow({ where: { id: claimed.holdId } })).toMatchObject({ cartId: buyer.id, status: "ACTIVE" });
    expect((await h.db.waitingListEntry.findUniqueOrThrow({ where: { id: first.entryId } })).holdId).toBe(claimed.holdId);
    expect((await codeOf(claimWaitingListOffer(deps, buyer, newOfferToken()))).code).toBe("OFFER_INVALID");

    // The other hold expires: the second entry gets an offer, lets it run out, and it passes on (nobody left: back to public sale).
    expect(await expireHold(deps, holdB!.id)).toBe(true);
    expect((await offerAfterHoldEnded(deps, holdB!.id)).offered).toEqual([second.entryId]);
    clock.advance(31 * MINUTE);
    const swept = await sweepWaitingLists(deps);
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    expect((await h.db.waitingListEntry.findUniqueOrThrow({ where: { id: second.entryId } })).status).toBe("EXPIRED");
  });

  it("an expired offer moves to the next person in line", async () => {
    const { event, ticketType, clock, deps } = await listEvent({ capacity: 1 });
    const [hold] = await sellOut(deps, event.id, ticketType.id, 1);
    const entries = [];
    for (const email of ["a@example.test", "b@example.test", "c@example.test"])
      entries.push(await joinWaitingList(deps, await kitCart(h), { eventId: event.id, ticketTypeId: ticketType.id, email, quantity: 1 }));
    clock.advance(601_000);
    await expireHold(deps, hold!.id);
    expect((await offerReturnedStock(deps, event.id)).offered).toEqual([entries[0]!.entryId]);
    clock.advance(31 * MINUTE);
    expect(await offerReturnedStock(deps, event.id)).toEqual({ expired: 1, offered: [entries[1]!.entryId] });
    // "No thanks" passes it on at once.
    await h.db.waitingListEntry.update({ where: { id: entries[1]!.entryId }, data: { offerTokenHash: hashOfferToken("x".repeat(43)) } });
    await declineWaitingListOffer(deps, "x".repeat(43));
    expect((await offerReturnedStock(deps, event.id)).offered).toEqual([entries[2]!.entryId]);
  });

  it("joins only when the list is on and the type is sold out; a big entry is not skipped by smaller ones", async () => {
    const { event, ticketType, clock, deps } = await listEvent({ capacity: 3 });
    const cart = await kitCart(h);
    expect((await codeOf(joinWaitingList(deps, cart, { eventId: event.id, ticketTypeId: ticketType.id, email: "early@example.test", quantity: 1 }))).code).toBe(
      "WAITING_LIST_CLOSED",
    );
    const holds = await sellOut(deps, event.id, ticketType.id, 3);
    const big = await joinWaitingList(deps, cart, { eventId: event.id, ticketTypeId: ticketType.id, email: "big@example.test", quantity: 2 });
    const small = await joinWaitingList(deps, await kitCart(h), { eventId: event.id, ticketTypeId: ticketType.id, email: "small@example.test", quantity: 1 });
    clock.advance(601_000);
    await expireHold(deps, holds[0]!.id);
    // One ticket back: the first entry wants two, so nobody is offered yet.
    expect((await offerReturnedStock(deps, event.id)).offered).toEqual([]);
    await expireHold(deps, holds[1]!.id);
    expect((await offerReturnedStock(deps, event.id)).offered).toEqual([big.entryId]);
    expect((await h.db.waitingListEntry.findUniqueOrThrow({ where: { id: small.entryId } })).status).toBe("WAITING");
    await h.db.event.update({ where: { id: event.id }, data: { waitingListEnabled: false } });
    expect((await codeOf(joinWaitingList(deps, cart, { eventId: event.id, ticketTypeId: ticketType.id, email: "late@example.test", quantity: 1 }))).code).toBe(
      "WAITING_LIST_CLOSED",
    );
  });

  it("a signed-in buyer joins with the account's address and leaves; a guest cannot leave by typing an address", async () => {
    const { event, ticketType, deps } = await listEvent({ capacity: 1 });
    await sellOut(deps, event.id, ticketType.id, 1);
    const user = await h.make.user({ email: `member-${crypto.randomUUID().slice(0, 8)}@example.test` });
    const cart = await kitCart(h, user.id);
    const joined = await joinWaitingList(deps, cart, { eventId: event.id, ticketTypeId: ticketType.id, quantity: 1 });
    expect(await h.db.waitingListEntry.findUniqueOrThrow({ where: { id: joined.entryId } })).toMatchObject({
      email: user.email.toLowerCase(),
      userId: user.id,
    });
    expect((await codeOf(joinWaitingList(deps, await kitCart(h), { eventId: event.id, ticketTypeId: ticketType.id, quantity: 1 }))).code).toBe(
      "VALIDATION_ERROR",
    );
    expect((await codeOf(leaveWaitingList(deps, await kitCart(h), { eventId: event.id }))).code).toBe("UNAUTHORIZED");
    expect(await leaveWaitingList(deps, cart, { eventId: event.id })).toEqual({ left: true });
    expect((await h.db.waitingListEntry.findUniqueOrThrow({ where: { id: joined.entryId } })).status).toBe("REMOVED");
    // The list is empty again: the gate is open (sold out only because the one ticket is held).
    const refusal = await codeOf(holdOf(deps, await kitCart(h), event.id, ticketType.id));
    expect(refusal.code).toBe("SOLD_OUT");
    expect(refusal.details?.reason).toBeUndefined();
  });

  it("a paused list offers nothing, and the returned stock still stays off public sale", async () => {
    const { event, ticketType, clock, deps } = await listEvent({ capacity: 1, paused: true });
    const [hold] = await sellOut(deps, event.id, ticketType.id, 1);
    await joinWaitingList(deps, await kitCart(h), { eventId: event.id, ticketTypeId: ticketType.id, email: "p@example.test", quantity: 1 });
    clock.advance(601_000);
    await expireHold(deps, hold!.id);
    expect(await offerReturnedStock(deps, event.id)).toEqual({ expired: 0, offered: [] });
    expect(await codeOf(holdOf(deps, await kitCart(h), event.id, ticketType.id))).toMatchObject({ code: "SOLD_OUT", details: { reason: "WAITING_LIST" } });
  });

  it("two offer runs at once offer each returned ticket once", async () => {
    const { event, ticketType, clock, deps } = await listEvent({ capacity: 2 });
    const holds = await sellOut(deps, event.id, ticketType.id, 2);
    for (let i = 0; i < 5; i += 1)
      await joinWaitingList(deps, await kitCart(h), { eventId: event.id, ticketTypeId: ticketType.id, email: `r${i}@example.test`, quantity: 1 });
    clock.advance(601_000);
    for (const hold of holds) await expireHold(deps, hold.id);
    const runs = await Promise.all(Array.from({ length: 6 }, () => offerReturnedStock(deps, event.id)));
    expect(runs.flatMap((run) => run.offered)).toHaveLength(2);
    expect(await h.db.waitingListEntry.count({ where: { eventId: event.id, status: "OFFERED" } })).toBe(2);
  });

  it("the waiting room admits nobody for stock the list owns", async () => {
    const { event, ticketType, clock, deps } = await listEvent({ capacity: 1, waitingRoom: true });
    const queueEvent = await loadQueueEvent(h.db, event.id);
    const first = await kitCart(h);
    const admitted = await joinQueue(deps, first, event.id);
    expect(admitted.status).toBe("ADMITTED");
    const hold = await createHold(
      deps,
      first,
      { admissionToken: admitted.admissionToken! },
      { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
    );
    await joinWaitingList(deps, await kitCart(h), { eventId: event.id, ticketTypeId: ticketType.id, email: "wl@example.test", quantity: 1 });
    const waiting = await joinQueue(deps, await kitCart(h), event.id);
    expect(waiting.status).toBe("WAITING");
    // The hold expires: the ticket is back in Redis, but the list owns it.
    clock.advance(601_000);
    await expireHold(deps, hold.id);
    const tick = await tickWaitingRoom(deps, queueEvent);
    expect(tick?.admitted ?? []).toEqual([]);
    expect((await offerReturnedStock(deps, event.id)).offered).toHaveLength(1);
  });
});
