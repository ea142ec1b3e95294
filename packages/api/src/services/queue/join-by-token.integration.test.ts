// queue.join for the buyer's X-Cart-Token: the cart is read inside the ticket's INSERT, so a bad
// cart must insert nothing and answer CART_REQUIRED, and a good one joins once.
import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { uuidV7 } from "../../lib/uuid-v7.ts";
import { kitCart } from "../booking/booking-test-kit.ts";
import { cartTokenHashOf } from "../cart/resolve-cart.ts";
import { insertQueueTickets, queueTicketCommitStats } from "./insert-queue-tickets.ts";

const h = useHarness();
const callerFor = (cartToken: string | null) => h.callerAs(null, { request: { cartToken, admissionToken: null } });

async function roomBeforeOnSale() {
  const now = Date.now();
  const { event } = await h.make.gaEvent({
    capacity: 5,
    event: { waitingRoomEnabled: true, waitingRoomOpensAt: new Date(now - 60_000), onSaleAt: new Date(now + 3_600_000) },
  });
  return event;
}

describe("queue.join by cart token", () => {
  it("joins once per cart: the same ticket again, the cart's own id on it", async () => {
    const event = await roomBeforeOnSale();
    const cart = await kitCart(h);
    const caller = await callerFor(cart.token);
    const first = await caller.queue.join({ eventId: event.id });
    expect(first).toMatchObject({ eventId: event.id, status: "WAITING", preQueue: true });
    expect((await caller.queue.join({ eventId: event.id })).queueTicketId).toBe(first.queueTicketId);
    expect(await h.db.queueTicket.findMany({ where: { eventId: event.id }, select: { id: true, cartId: true } })).toEqual([
      { id: first.queueTicketId, cartId: cart.id },
    ]);
  });

  it("refuses a missing, unknown or expired cart with CART_REQUIRED and inserts nothing", async () => {
    const event = await roomBeforeOnSale();
    const expired = await kitCart(h);
    await h.db.cart.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    for (const token of [null, "not a token", "A".repeat(43), expired.token]) {
      await expect((await callerFor(token)).queue.join({ eventId: event.id })).rejects.toMatchObject({ cause: { code: "CART_REQUIRED" } });
    }
    expect(await h.db.queueTicket.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("a rush of joins is grouped into fewer commits, and every buyer gets their own ticket, once", async () => {
    const event = await roomBeforeOnSale();
    const carts = await Promise.all(Array.from({ length: 40 }, () => kitCart(h)));
    const before = queueTicketCommitStats(h.db);
    // Each cart joins twice at once: the second join must answer the same ticket.
    const joins = await Promise.all(carts.flatMap((cart) => [0, 1].map(async () => (await callerFor(cart.token)).queue.join({ eventId: event.id }))));
    const after = queueTicketCommitStats(h.db);
    expect(after.items - before.items).toBe(80);
    expect(after.batches - before.batches).toBeLessThan(80);
    const tickets = await h.db.queueTicket.findMany({ where: { eventId: event.id }, select: { id: true, cartId: true } });
    expect(tickets).toHaveLength(40);
    const ticketOf = new Map(tickets.map((ticket) => [ticket.cartId, ticket.id]));
    carts.forEach((cart, index) => {
      expect(joins[2 * index]!.queueTicketId).toBe(ticketOf.get(cart.id));
      expect(joins[2 * index + 1]!.queueTicketId).toBe(ticketOf.get(cart.id));
    });
  });

  it("one statement answers each input in its place: new, existing (address updated), unknown and expired carts", async () => {
    const event = await roomBeforeOnSale();
    const [fresh, existing, expired] = await Promise.all([kitCart(h), kitCart(h), kitCart(h)]);
    await h.db.cart.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const joined = await (await callerFor(existing.token)).queue.join({ eventId: event.id });
    const now = new Date();
    const input = (token: string, extra: { closed?: boolean; notifyEmail?: string | null } = {}) => ({
      id: uuidV7(),
      eventId: event.id,
      tokenHash: cartTokenHashOf(token)!,
      closed: extra.closed ?? false,
      sortKey: Math.random(),
      now,
      notifyEmail: extra.notifyEmail ?? null,
      locale: "de",
    });
    const inserts = [
      input(expired.token),
      input(fresh.token, { closed: true }),
      input("B".repeat(43)),
      input(existing.token, { notifyEmail: "late@example.com" }),
    ];
    const rows = await insertQueueTickets(h.db, inserts);
    expect(rows[0]).toBeNull();
    expect(rows[1]).toMatchObject({ id: inserts[1]!.id, cartId: fresh.id, status: "CLOSED", sortKey: inserts[1]!.sortKey });
    expect(rows[2]).toBeNull();
    expect(rows[3]).toMatchObject({ id: joined.queueTicketId, cartId: existing.id, status: "WAITING" });
    const stored = await h.db.queueTicket.findMany({
      where: { eventId: event.id },
      select: { cartId: true, status: true, closedAt: true, notifyEmail: true, locale: true },
    });
    expect(stored).toHaveLength(2);
    expect(stored.find((ticket) => ticket.cartId === fresh.id)).toEqual({ cartId: fresh.id, status: "CLOSED", closedAt: now, notifyEmail: null, locale: "de" });
    expect(stored.find((ticket) => ticket.cartId === existing.id)).toMatchObject({ notifyEmail: "late@example.com", locale: "de" });
  });
});
