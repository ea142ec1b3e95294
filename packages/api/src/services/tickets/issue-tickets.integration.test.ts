// issueTickets against real PostgreSQL: one ticket per admission, codes that verify offline with
// what scanners download, idempotence under concurrency, short code collisions, key rotation.
import { generateSigningKey } from "@marquee/db/signing-key";
import { TEST_TICKET_KEY_SECRET, uniqueSuffix } from "@marquee/db/testing";
import { parseShortCode, parseTicketCode, verifyTicketCode } from "@marquee/tickets";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { useHarness } from "../../testing/harness.ts";
import { issueTickets } from "./issue-tickets.ts";
import { listOrderTickets } from "./list-order-tickets.ts";
import { eventVerificationKeys } from "./scanner-downloads.ts";
import { orderWithLines, seatedEvent, ticketDeps } from "./tickets-test-kit.ts";
import { ticketValidity } from "./ticket-validity.ts";

const h = useHarness();

describe("issueTickets", () => {
  it("issues one ticket per admission whose codes verify against the event's keys", async () => {
    const kit = await seatedEvent(h);
    const order = await orderWithLines(h, kit, { gaQuantity: 3, seatIndex: 6 });
    const { tickets, issuedCount } = await issueTickets(ticketDeps(h), { orderId: order.id });

    expect(issuedCount).toBe(4);
    expect(tickets).toHaveLength(4);
    expect(new Set(tickets.map((ticket) => ticket.shortCode)).size).toBe(4);
    for (const ticket of tickets) expect(parseShortCode(ticket.shortCode)).toEqual({ ok: true, shortCode: ticket.shortCode });

    const keys = await eventVerificationKeys({ db: h.db }, kit.event.id);
    expect(keys).toEqual([expect.objectContaining({ status: "ACTIVE" })]);
    const validity = ticketValidity(kit.event);
    const seat = kit.seats[6]!;
    for (const ticket of tickets) {
      const result = await verifyTicketCode(ticket.signedCode, { eventId: kit.event.id, keys, revoked: [], now: kit.event.startsAt });
      if (!result.ok) throw new Error(`ticket ${ticket.id} refused: ${result.reason}`);
      const seated = ticket.ticketTypeId === kit.seatedType.id;
      expect(result.claims).toMatchObject({
        ticketId: ticket.id,
        eventId: kit.event.id,
        ticketTypeId: seated ? kit.seatedType.id : kit.gaType.id,
        seatId: seated ? seat.id : null,
        keyId: keys[0]!.keyId,
        validFrom: new Date(Math.floor(validity.validFrom.getTime() / 1000) * 1000),
        validUntil: new Date(Math.floor(validity.validUntil.getTime() / 1000) * 1000),
      });
      expect(ticket).toMatchObject({ status: "VALID", holderName: "Grace Hopper", orderId: order.id, ticketTypeName: seated ? "Stalls seat" : "Standing" });
      expect(ticket.seat).toEqual(seated ? { id: seat.id, section: "Stalls", row: "B", seat: "2" } : null);
    }
    // Doors 23 h ahead, so the window opens 6 h before them and closes 6 h after the end.
    expect(await verifyTicketCode(tickets[0]!.signedCode, { eventId: kit.event.id, keys, now: validity.validFrom.getTime() - 1000 })).toEqual({
      ok: false,
      reason: "NOT_YET_VALID",
    });
    expect(await verifyTicketCode(tickets[0]!.signedCode, { eventId: kit.event.id, keys, now: validity.validUntil })).toEqual({ ok: false, reason: "EXPIRED" });

    // A second call issues nothing and answers the same tickets, as does listOrderTickets.
    expect(await issueTickets(ticketDeps(h), { orderId: order.id })).toEqual({ tickets, issuedCount: 0 });
    expect(await listOrderTickets({ db: h.db }, { orderId: order.id })).toEqual(tickets);
  });

  it("issues each admission once under 10 concurrent calls", async () => {
    const kit = await seatedEvent(h);
    const order = await orderWithLines(h, kit, { gaQuantity: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, () => issueTickets(ticketDeps(h), { orderId: order.id })));

    expect(results.reduce((sum, result) => sum + result.issuedCount, 0)).toBe(4);
    expect(await h.db.ticket.count({ where: { orderId: order.id } })).toBe(4);
    for (const result of results) expect(result.tickets.map((ticket) => ticket.id)).toEqual(results[0]!.tickets.map((ticket) => ticket.id));
  });

  it("draws a new short code when one is taken", async () => {
    const kit = await seatedEvent(h);
    const first = await issueTickets(ticketDeps(h), { orderId: (await orderWithLines(h, kit, { gaQuantity: 1, seatIndex: 0 })).id });
    const taken = first.tickets[0]!.shortCode;
    // Every ticket's first draw collides with an existing code; the retries succeed.
    let draws = 0;
    const prefix = uniqueSuffix();
    const newShortCode = () => (draws++ < 3 ? taken : `${prefix}-${draws}`);
    const second = await issueTickets(ticketDeps(h, { newShortCode }), { orderId: (await orderWithLines(h, kit, { gaQuantity: 2, seatIndex: 1 })).id });

    expect(second.issuedCount).toBe(3);
    expect(draws).toBe(6);
    expect(second.tickets.map((ticket) => ticket.shortCode)).not.toContain(taken);
    expect(new Set(second.tickets.map((ticket) => ticket.shortCode)).size).toBe(3);
  });

  it("signs new tickets with the ACTIVE key after a rotation; old ones verify until their key is REVOKED", async () => {
    const kit = await seatedEvent(h);
    const before = await issueTickets(ticketDeps(h), { orderId: (await orderWithLines(h, kit, { gaQuantity: 1, seatIndex: 2 })).id });
    const oldKey = await h.db.eventSigningKey.findFirstOrThrow({ where: { eventId: kit.event.id } });
    await h.db.eventSigningKey.update({ where: { id: oldKey.id }, data: { status: "VERIFY_ONLY", rotatedAt: new Date() } });
    const newKey = await h.db.eventSigningKey.create({ data: { eventId: kit.event.id, ...generateSigningKey(TEST_TICKET_KEY_SECRET) } });
    const after = await issueTickets(ticketDeps(h), { orderId: (await orderWithLines(h, kit, { gaQuantity: 1, seatIndex: 3 })).id });

    const rows = await h.db.ticket.findMany({ where: { id: { in: after.tickets.map((ticket) => ticket.id) } } });
    expect(rows.map((row) => row.signingKeyId)).toEqual([newKey.id, newKey.id]);
    for (const ticket of after.tickets) expect(parseTicketCode(ticket.signedCode)?.claims.keyId).toBe(newKey.keyId);

    const verify = async (code: string) =>
      verifyTicketCode(code, { eventId: kit.event.id, keys: await eventVerificationKeys({ db: h.db }, kit.event.id), now: kit.event.startsAt });
    for (const ticket of [...before.tickets, ...after.tickets]) expect(await verify(ticket.signedCode)).toMatchObject({ ok: true });

    await h.db.eventSigningKey.update({ where: { id: oldKey.id }, data: { status: "REVOKED" } });
    for (const ticket of before.tickets) expect(await verify(ticket.signedCode)).toEqual({ ok: false, reason: "KEY_REVOKED" });
    for (const ticket of after.tickets) expect(await verify(ticket.signedCode)).toMatchObject({ ok: true });
  });

  it("refuses an order whose lines are not final yet, and issues nothing", async () => {
    const kit = await seatedEvent(h);
    const order = await orderWithLines(h, kit, { status: "PENDING" });
    const error = await issueTickets(ticketDeps(h), { orderId: order.id }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "CONFLICT" });
    expect(await h.db.ticket.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("issues nothing for cancelled lines, and answers NOT_FOUND for an unknown order", async () => {
    const kit = await seatedEvent(h);
    const order = await orderWithLines(h, kit, { gaQuantity: 2, seatIndex: 4 });
    await h.db.orderLine.update({ where: { id: order.lines.find((line) => line.seatId !== null)!.id }, data: { status: "CANCELLED" } });
    const { tickets } = await issueTickets(ticketDeps(h), { orderId: order.id });
    expect(tickets.map((ticket) => ticket.seat)).toEqual([null, null]);

    for (const orderId of ["0190a0a0-0000-7000-8000-000000000000", "not-a-uuid"]) {
      await expect(issueTickets(ticketDeps(h), { orderId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(listOrderTickets({ db: h.db }, { orderId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});
