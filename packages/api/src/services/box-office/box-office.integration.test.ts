// The box office: a door sale is a PAID order at once (channel BOX_OFFICE, cash or card terminal)
// through the shop's inventory path, with its outbox event and audit entry in the same transaction;
// the payment worker's order.paid handler issues tickets and invoice; refunds are paid out at the door.
import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { fulfilOrder } from "../fulfilment/fulfil-order.ts";
import { useFulfilmentKit } from "../fulfilment/fulfilment-test-kit.ts";
import { reconcileOrders } from "../fulfilment/reconcile-orders.ts";
import { refundCancelledEvent } from "../organiser-event/cancel-event.ts";
import { completeRefund, requestRefund } from "../refunds/refund-order.ts";
import { useTicketKeyEnv } from "../ticket-self-service/self-service-test-kit.ts";

const h = useHarness();
const kit = useFulfilmentKit(h);
useTicketKeyEnv();
const HOUR = 3_600_000;

/** A GA event whose online sales have closed (the door still sells) and a box-office member's console caller. */
async function doorEvent(capacity = 10) {
  const setup = await h.make.gaEvent({
    capacity,
    priceMinor: 2500,
    event: { onSaleAt: new Date(Date.now() - 3 * HOUR), offSaleAt: new Date(Date.now() - HOUR) },
  });
  const organizationId = setup.organization.id;
  const seller = await h.make.member(organizationId, "BOX_OFFICE");
  return { ...setup, organizationId, sellerId: seller.id, caller: await h.callerAs(seller.id, { app: "admin" }) };
}

/** One ticket of the door event's type, paid in cash. */
const sellOneForCash = ({
  organizationId,
  event,
  ticketType,
  caller,
}: Pick<Awaited<ReturnType<typeof doorEvent>>, "organizationId" | "event" | "ticketType" | "caller">) =>
  caller.boxOffice.sell({ organizationId, eventId: event.id, lines: [{ ticketTypeId: ticketType.id, quantity: 1 }], paymentMethod: "CASH" });

const written = async (orderIds: string[]) => ({
  orders: await h.db.order.count({ where: { id: { in: orderIds } } }),
  outbox: await h.db.outboxEvent.count({ where: { aggregateId: { in: orderIds } } }),
});

describe("box office", () => {
  it("sells for cash after online sales closed: a PAID BOX_OFFICE order, cash payment, order.paid and audit; the saga issues tickets and invoice, no e-mail", async () => {
    const { organizationId, event, ticketType, caller, sellerId } = await doorEvent();
    const events = await caller.boxOffice.events({ organizationId });
    expect(events.events.find((e) => e.id === event.id)?.ticketTypes).toEqual([
      expect.objectContaining({ id: ticketType.id, priceMinor: 2500, available: 10 }),
    ]);

    const sale = await caller.boxOffice.sell({
      organizationId,
      eventId: event.id,
      lines: [{ ticketTypeId: ticketType.id, quantity: 2 }],
      paymentMethod: "CASH",
      cashTenderedMinor: 6000,
    });
    expect(sale).toMatchObject({ totalMinor: 5000, cashTenderedMinor: 6000, changeDueMinor: 1000, quantity: 2, paymentMethod: "CASH" });

    const order = await h.db.order.findUniqueOrThrow({ where: { id: sale.orderId }, include: { payments: true, lines: true, hold: true } });
    expect(order).toMatchObject({ status: "PAID", channel: "BOX_OFFICE", buyerEmail: "", totalMinor: 5000, organizationId });
    expect(order.payments).toEqual([expect.objectContaining({ provider: "cash", status: "CAPTURED", capturedMinor: 5000, providerPaymentId: null })]);
    expect(order.lines.map((line) => line.status)).toEqual(["ACTIVE"]);
    expect(order.hold?.status).toBe("CONVERTED");
    expect((await h.db.ticketType.findUniqueOrThrow({ where: { id: ticketType.id } })).soldCount).toBe(2);
    expect(await h.db.outboxEvent.findMany({ where: { aggregateId: order.id }, select: { topic: true } })).toEqual([{ topic: "order.paid" }]);
    const audit = await h.db.auditLog.findMany({ where: { targetId: order.id } });
    expect(audit).toEqual([expect.objectContaining({ action: "boxoffice.sell", actorId: sellerId, organizationId })]);
    expect((await caller.boxOffice.events({ organizationId })).events.find((e) => e.id === event.id)?.ticketTypes[0]?.available).toBe(8);

    expect(await fulfilOrder(kit.deps, order.id)).toBe("PAID");
    expect(await h.db.ticket.count({ where: { orderId: order.id, status: "VALID" } })).toBe(2);
    expect(await h.db.invoice.count({ where: { orderId: order.id, kind: "INVOICE" } })).toBe(1);
    expect(await fulfilOrder(kit.deps, order.id)).toBe("PAID");
    expect(await h.db.ticket.count({ where: { orderId: order.id } })).toBe(2);

    await expect(caller.order.resendConfirmation({ organizationId, orderId: order.id })).rejects.toMatchObject({
      cause: { code: "CONFLICT", details: { reason: "NO_BUYER_EMAIL" } },
    });

    // Paid back at the door: recorded without Stripe, tickets revoked, stock back.
    const refund = await requestRefund(h.db, { organizationId, orderId: order.id, reason: "changed plans", requestedById: sellerId });
    expect(await completeRefund(kit.deps, refund.refundId)).toMatchObject({ status: "SUCCEEDED", orderStatus: "REFUNDED", amountMinor: 5000 });
    expect(await h.db.refund.findUniqueOrThrow({ where: { id: refund.refundId } })).toMatchObject({ status: "SUCCEEDED", providerRefundId: null });
    expect(await h.db.ticket.count({ where: { orderId: order.id, status: "VALID" } })).toBe(0);
    expect((await h.db.ticketType.findUniqueOrThrow({ where: { id: ticketType.id } })).soldCount).toBe(0);
  });

  it("an event cancelled after door sales counts them apart: their refunds are recorded without Stripe, the money goes back at the box office", async () => {
    const { organizationId, event, ticketType, caller } = await doorEvent();
    const sale = await sellOneForCash({ organizationId, event, ticketType, caller });
    await fulfilOrder(kit.deps, sale.orderId);
    const owner = await h.callerAs((await h.make.member(organizationId, "OWNER")).id, { app: "admin" });
    const cancelled = await owner.event.cancel({ organizationId, eventId: event.id, reason: "Flooded hall." });
    expect(cancelled.progress).toEqual({ orders: 1, refunded: 0, pending: 0, waiting: 1, paidAtDoor: 1 });
    expect(await refundCancelledEvent(h.db, event.id)).toEqual({ requested: 1, skipped: 0 });
    const [refund] = await h.db.refund.findMany({ where: { orderId: sale.orderId } });
    await completeRefund(kit.deps, refund!.id);
    expect(await h.db.refund.findUniqueOrThrow({ where: { id: refund!.id } })).toMatchObject({ status: "SUCCEEDED", providerRefundId: null });
    expect((await owner.event.detail({ organizationId, eventId: event.id })).progress).toEqual({
      orders: 1,
      refunded: 1,
      pending: 0,
      waiting: 0,
      paidAtDoor: 1,
    });
  });

  it("mails tickets and invoice when the buyer gives an address (card terminal)", async () => {
    const { organizationId, event, ticketType, caller } = await doorEvent();
    const email = `door-${crypto.randomUUID()}@example.test`;
    const sale = await caller.boxOffice.sell({
      organizationId,
      eventId: event.id,
      lines: [{ ticketTypeId: ticketType.id, quantity: 1 }],
      paymentMethod: "CARD",
      terminalReference: "T1-0042",
      buyer: { name: "Door Buyer", email },
    });
    expect(sale.changeDueMinor).toBeNull();
    expect(await h.db.payment.findFirstOrThrow({ where: { orderId: sale.orderId } })).toMatchObject({ provider: "card_terminal", status: "CAPTURED" });
    expect(await fulfilOrder(kit.deps, sale.orderId)).toBe("PAID");
    const mails = await kit.caughtFor(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.attachments).toHaveLength(2);
  });

  it("the reconciler finishes a sale whose order.paid job was lost, and counts a sale without an address done once invoiced", async () => {
    const { organizationId, event, ticketType, caller } = await doorEvent();
    const sale = await sellOneForCash({ organizationId, event, ticketType, caller });
    const first = await reconcileOrders(kit.deps, { graceMs: -1_000, eventId: event.id });
    expect(first.finished).toEqual({ [sale.orderId]: "PAID" });
    expect(await h.db.ticket.count({ where: { orderId: sale.orderId } })).toBe(1);
    expect(await h.db.invoice.count({ where: { orderId: sale.orderId, kind: "INVOICE" } })).toBe(1);
    expect((await reconcileOrders(kit.deps, { graceMs: -1_000, eventId: event.id })).finished).toEqual({});
  });

  it("never oversells: two sales race for the last ticket, one wins, the other is SOLD_OUT", async () => {
    const { organizationId, event, ticketType, caller } = await doorEvent(1);
    const second = await h.callerAs((await h.make.member(organizationId, "ADMIN")).id, { app: "admin" });
    const sell = (c: typeof caller) =>
      c.boxOffice.sell({ organizationId, eventId: event.id, lines: [{ ticketTypeId: ticketType.id, quantity: 1 }], paymentMethod: "CASH" });
    const results = await Promise.allSettled([sell(caller), sell(second)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "CONFLICT", cause: { code: "SOLD_OUT" } });
    expect(await h.db.order.count({ where: { eventId: event.id } })).toBe(1);
    expect((await h.db.ticketType.findUniqueOrThrow({ where: { id: ticketType.id } })).soldCount).toBe(1);
  });

  it("sold out or short of cash: a clear 4xx code and nothing written", async () => {
    const { organizationId, event, ticketType, caller } = await doorEvent(1);
    const line = [{ ticketTypeId: ticketType.id, quantity: 1 }];
    await expect(
      caller.boxOffice.sell({ organizationId, eventId: event.id, lines: line, paymentMethod: "CASH", cashTenderedMinor: 2000 }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { code: "VALIDATION_ERROR", details: { reason: "CASH_TENDERED_TOO_LOW" } },
    });
    await expect(
      caller.boxOffice.sell({ organizationId, eventId: event.id, lines: [{ ticketTypeId: ticketType.id, quantity: 2 }], paymentMethod: "CASH" }),
    ).rejects.toMatchObject({
      cause: { code: "SOLD_OUT" },
    });
    expect(await h.db.order.count({ where: { eventId: event.id } })).toBe(0);
    expect(await h.db.hold.count({ where: { eventId: event.id } })).toBe(0);
    await caller.boxOffice.sell({ organizationId, eventId: event.id, lines: line, paymentMethod: "CASH" });
    await expect(caller.boxOffice.sell({ organizationId, eventId: event.id, lines: line, paymentMethod: "CASH" })).rejects.toMatchObject({
      cause: { code: "SOLD_OUT" },
    });
    const orders = await h.db.order.findMany({ where: { eventId: event.id }, select: { id: true } });
    expect(await written(orders.map((o) => o.id))).toEqual({ orders: 1, outbox: 1 });
    expect(await h.db.auditLog.count({ where: { organizationId, action: "boxoffice.sell" } })).toBe(1);
  });

  it("sells the best seats of a price zone or named seats on a reserved-seating event; a sold seat is SEAT_TAKEN", async () => {
    const organization = await h.make.organization();
    const venue = await h.make.venue(organization.id);
    const { seatMap, zone } = await h.make.seatMap(organization.id, venue.id);
    const event = await h.make.event(organization.id, venue.id, { seatingMode: "RESERVED", seatMapId: seatMap.id });
    const type = await h.make.ticketType(event.id, { capacity: null, priceZoneId: zone.id }, 3500);
    const caller = await h.callerAs((await h.make.member(organization.id, "BOX_OFFICE")).id, { app: "admin" });
    const organizationId = organization.id;
    expect((await caller.boxOffice.events({ organizationId })).events[0]?.ticketTypes).toEqual([
      expect.objectContaining({ id: type.id, priceZoneId: zone.id, priceMinor: 3500, available: 10 }),
    ]);
    const best = await caller.boxOffice.sell({ organizationId, eventId: event.id, lines: [{ priceZoneId: zone.id, quantity: 2 }], paymentMethod: "CARD" });
    expect(best).toMatchObject({ totalMinor: 7000, quantity: 2 });
    const sold = await h.db.orderLine.findMany({ where: { orderId: best.orderId }, select: { seatId: true, status: true } });
    expect(sold).toHaveLength(2);
    expect(sold.every((line) => line.seatId !== null && line.status === "ACTIVE")).toBe(true);
    await expect(
      caller.boxOffice.sell({ organizationId, eventId: event.id, lines: [{ seatId: sold[0]!.seatId! }], paymentMethod: "CASH" }),
    ).rejects.toMatchObject({ cause: { code: "SEAT_TAKEN" } });
    const free = await h.db.seat.findFirstOrThrow({ where: { seatMapId: seatMap.id, id: { notIn: sold.map((line) => line.seatId!) } } });
    const named = await caller.boxOffice.sell({
      organizationId,
      eventId: event.id,
      lines: [{ seatId: free.id }],
      paymentMethod: "CASH",
      cashTenderedMinor: 5000,
    });
    expect(named).toMatchObject({ totalMinor: 3500, changeDueMinor: 1500 });
    expect((await caller.boxOffice.events({ organizationId })).events[0]?.ticketTypes[0]?.available).toBe(7);
  });

  it("sells once per Idempotency-Key (a double click)", async () => {
    const { organizationId, event, ticketType, sellerId } = await doorEvent();
    const caller = await h.callerAs(sellerId, { app: "admin", request: { idempotencyKey: `door-${crypto.randomUUID()}` } });
    const input = { organizationId, eventId: event.id, lines: [{ ticketTypeId: ticketType.id, quantity: 2 }], paymentMethod: "CASH" as const };
    const [first, second] = await Promise.all([caller.boxOffice.sell(input), caller.boxOffice.sell(input).catch(() => null)]);
    const again = await caller.boxOffice.sell(input);
    expect(again.orderId).toBe(first.orderId);
    if (second) expect(second.orderId).toBe(first.orderId);
    expect(await h.db.order.count({ where: { eventId: event.id } })).toBe(1);
    expect((await h.db.ticketType.findUniqueOrThrow({ where: { id: ticketType.id } })).soldCount).toBe(2);
  });

  it("refuses another organisation's event, door staff and support agents, and writes nothing", async () => {
    const { organizationId, event, ticketType } = await doorEvent();
    const other = await h.make.organization();
    const outsider = await h.callerAs((await h.make.member(other.id, "OWNER")).id, { app: "admin" });
    const line = [{ ticketTypeId: ticketType.id, quantity: 1 }];
    await expect(outsider.boxOffice.sell({ organizationId: other.id, eventId: event.id, lines: line, paymentMethod: "CASH" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(outsider.boxOffice.sell({ organizationId, eventId: event.id, lines: line, paymentMethod: "CASH" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await outsider.boxOffice.events({ organizationId: other.id })).events).toEqual([]);
    for (const role of ["DOOR_STAFF", "SUPPORT_AGENT"] as const) {
      const caller = await h.callerAs((await h.make.member(organizationId, role)).id, { app: "admin" });
      await expect(caller.boxOffice.sell({ organizationId, eventId: event.id, lines: line, paymentMethod: "CASH" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(caller.boxOffice.events({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await h.db.order.count({ where: { eventId: event.id } })).toBe(0);
  });
});
