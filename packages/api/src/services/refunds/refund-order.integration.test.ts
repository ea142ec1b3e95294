// Refunds of paid orders (made through the order saga's test bench): partial then full, a lost
// Stripe answer finished by the reconciler, and an organiser's request through tRPC completed by
// the payment worker's step.
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps } from "../booking/booking-test-kit.ts";
import { getAvailability } from "../booking/get-availability.ts";
import { useFulfilmentKit } from "../fulfilment/fulfilment-test-kit.ts";
import { reconcileOrders } from "../fulfilment/reconcile-orders.ts";
import { completeRefund, refundOrder } from "./refund-order.ts";

const h = useHarness();
const kit = useFulfilmentKit(h);

describe("refundOrder", () => {
  it("refunds one ticket, then the rest: money back once, tickets revoked, stock back, credit notes, e-mails", async () => {
    const { event, ticketType, email, order } = await kit.paidOrder(2, "Refund Me");
    const [first, second] = await h.db.ticket.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });

    const partial = await refundOrder(kit.deps, { orderId: order.id, ticketIds: [first!.id], reason: "cannot come" });
    expect(partial).toMatchObject({ amountMinor: 2500, orderStatus: "PARTIALLY_REFUNDED" });
    expect(await h.db.ticket.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({ status: "REVOKED" });
    expect((await h.db.ticketType.findUniqueOrThrow({ where: { id: ticketType.id } })).soldCount).toBe(1);
    expect((await getAvailability(bookingDeps(h), event.id)).ticketTypes[0]!.available).toBe(9);
    await expect(refundOrder(kit.deps, { orderId: order.id, ticketIds: [first!.id], reason: "again" })).rejects.toMatchObject({ code: "CONFLICT" });

    const rest = await refundOrder(kit.deps, { orderId: order.id, reason: "event moved" });
    expect(rest).toMatchObject({ amountMinor: 2500, orderStatus: "REFUNDED" });
    expect(await h.db.ticket.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({ status: "REVOKED" });
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "REFUNDED", refundedMinor: 5000 });
    expect(
      kit.stripeServer
        .refunds()
        .filter((r) => r.payment_intent === order.paymentIntentId)
        .map((r) => r.amount),
    ).toEqual([2500, 2500]);
    expect(await h.db.invoice.count({ where: { orderId: order.id, kind: "CREDIT_NOTE" } })).toBe(2);
    expect(await h.db.orderLine.findMany({ where: { orderId: order.id }, select: { status: true } })).toEqual([{ status: "REFUNDED" }]);
    expect((await getAvailability(bookingDeps(h), event.id)).ticketTypes[0]!.available).toBe(10);
    expect(await kit.caughtFor(email)).toHaveLength(3);
    await expect(refundOrder(kit.deps, { orderId: order.id, reason: "nothing left" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("finishes a refund whose Stripe answer was lost: one Stripe refund, completed by the reconciler", async () => {
    const { event, order } = await kit.paidOrder(1, "Crash Refund");
    // Stripe makes the refund, the answer is lost twice (the SDK's own retry included).
    kit.stripeServer.dropResponses(2, { method: "POST", path: "/v1/refunds" });
    await expect(refundOrder(kit.deps, { orderId: order.id, reason: "crash" })).rejects.toThrow();
    expect(await h.db.refund.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({ status: "PENDING" });
    const later = { ...kit.deps, clock: fixedClock(new Date(Date.now() + 5 * 60_000)) };
    const result = await reconcileOrders(later, { eventId: event.id, unpaidAfterMs: 0 });
    expect(result.refunds).toHaveLength(1);
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "REFUNDED", refundedMinor: 2500 });
    expect(kit.stripeServer.refunds().filter((r) => r.payment_intent === order.paymentIntentId)).toHaveLength(1);
  });

  it("takes an organiser's refund request through tRPC: only the organisation's refunders, reserved with its outbox event, completed by the worker's step", async () => {
    const { event, email, order } = await kit.paidOrder(2, "Box Office Refund");
    const [ticket] = await h.db.ticket.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
    const organizationId = event.organizationId;
    const boxOffice = await h.callerAs((await h.make.member(organizationId, "BOX_OFFICE")).id, { app: "admin" });
    const agent = await h.callerAs((await h.make.member(organizationId, "SUPPORT_AGENT")).id, { app: "admin" });
    const other = await h.make.organization();
    const otherAdmin = await h.callerAs((await h.make.member(other.id, "ADMIN")).id, { app: "admin" });
    const request = { organizationId, orderId: order.id, ticketIds: [ticket!.id], reason: "double booking" };

    // Refused, with nothing written: a role without refunds, another organisation, bad input.
    await expect(agent.order.refund(request)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(otherAdmin.order.refund(request)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(otherAdmin.order.refund({ ...request, organizationId: other.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(boxOffice.order.refund({ ...request, reason: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(boxOffice.order.refund({ ...request, ticketIds: [crypto.randomUUID()] })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await h.db.refund.count({ where: { orderId: order.id } })).toBe(0);
    expect(await h.db.outboxEvent.count({ where: { topic: "refund.requested", payload: { path: ["orderId"], equals: order.id } } })).toBe(0);

    const requested = await boxOffice.order.refund(request);
    expect(requested).toMatchObject({ orderId: order.id, amountMinor: 2500, ticketIds: [ticket!.id], status: "PENDING" });
    // The ticket is in a pending refund: it cannot be refunded twice.
    await expect(boxOffice.order.refund(request)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await h.db.outboxEvent.findMany({ where: { topic: "refund.requested", aggregateId: requested.refundId }, select: { payload: true } })).toEqual([
      { payload: { refundId: requested.refundId, orderId: order.id } },
    ]);
    expect(await h.db.auditLog.count({ where: { action: "refund.create", targetId: order.id, organizationId } })).toBe(1);
    expect(await agent.order.refunds({ organizationId, orderId: order.id })).toEqual([expect.objectContaining({ id: requested.refundId, status: "PENDING" })]);

    // What the payment worker's refund.requested job runs; twice, as a redelivered job would.
    await completeRefund(kit.deps, requested.refundId);
    await completeRefund(kit.deps, requested.refundId);
    expect(await agent.order.refunds({ organizationId, orderId: order.id })).toEqual([
      expect.objectContaining({ id: requested.refundId, status: "SUCCEEDED" }),
    ]);
    expect(await h.db.ticket.findUniqueOrThrow({ where: { id: ticket!.id } })).toMatchObject({ status: "REVOKED" });
    expect(
      kit.stripeServer
        .refunds()
        .filter((r) => r.payment_intent === order.paymentIntentId)
        .map((r) => r.amount),
    ).toEqual([2500]);
    expect(await h.db.invoice.count({ where: { orderId: order.id, kind: "CREDIT_NOTE" } })).toBe(1);
    expect(await kit.caughtFor(email)).toHaveLength(2);
  });
});
