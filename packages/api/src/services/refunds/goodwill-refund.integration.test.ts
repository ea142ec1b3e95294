// Goodwill refunds (an amount back, every ticket stays valid) on the order saga's test bench: the
// organiser's request through tRPC completed by the payment worker's step, the bounds (never more
// than is left, under concurrency too), and a ticket refund after goodwill refunding what is left.
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { useFulfilmentKit } from "../fulfilment/fulfilment-test-kit.ts";
import { reconcileOrders } from "../fulfilment/reconcile-orders.ts";
import type { TInvoiceSnapshot } from "../invoice/types.ts";
import { completeRefund, refundOrder } from "./refund-order.ts";

const h = useHarness();
const kit = useFulfilmentKit(h);

/** A paid order of two €25.00 tickets and callers of its organisation (and another one). */
async function goodwillBench(name: string) {
  const paid = await kit.paidOrder(2, name);
  const organizationId = paid.event.organizationId;
  const owner = await h.callerAs((await h.make.member(organizationId, "OWNER")).id, { app: "admin" });
  return { ...paid, organizationId, owner };
}

const stripeRefunds = (paymentIntentId: string) =>
  kit.stripeServer
    .refunds()
    .filter((r) => r.payment_intent === paymentIntentId)
    .map((r) => r.amount);
const creditNotes = (orderId: string) => h.db.invoice.findMany({ where: { orderId, kind: "CREDIT_NOTE" }, orderBy: { number: "asc" } });
const writtenFor = async (orderId: string) => ({
  refunds: await h.db.refund.count({ where: { orderId } }),
  outbox: await h.db.outboxEvent.count({ where: { topic: "refund.requested", payload: { path: ["orderId"], equals: orderId } } }),
  audit: await h.db.auditLog.count({ where: { action: "refund.create", targetId: orderId } }),
});

describe("goodwill refunds", () => {
  it("refunds an amount without tickets: one Stripe refund, one credit note of that amount, tickets and stock untouched", async () => {
    const { organizationId, owner, order, email, ticketType } = await goodwillBench("Goodwill View");
    const requested = await owner.order.refund({ organizationId, orderId: order.id, amountMinor: 1000, reason: "Restricted view" });
    expect(requested).toMatchObject({ amountMinor: 1000, currency: "EUR", ticketIds: [], kind: "goodwill", status: "PENDING" });
    expect(await writtenFor(order.id)).toEqual({ refunds: 1, outbox: 1, audit: 1 });
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { action: "refund.create", targetId: order.id } });
    expect(audit.data).toMatchObject({ refundId: requested.refundId, kind: "goodwill", amountMinor: 1000, reason: "Restricted view" });

    // The payment worker's step, twice as a redelivered job would run it.
    await completeRefund(kit.deps, requested.refundId);
    await completeRefund(kit.deps, requested.refundId);
    expect(stripeRefunds(order.paymentIntentId)).toEqual([1000]);
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedMinor: 1000 });
    expect((await h.db.ticket.findMany({ where: { orderId: order.id } })).map((t) => t.status)).toEqual(["VALID", "VALID"]);
    expect((await h.db.ticketType.findUniqueOrThrow({ where: { id: ticketType.id } })).soldCount).toBe(2);
    const [note] = await creditNotes(order.id);
    // The bench sells at 0% VAT; the split over rates is tested with the credit notes (issue-credit-note.integration.test.ts).
    expect(note).toMatchObject({ totalMinor: -1000, taxMinor: 0, netMinor: -1000 });
    expect((note!.snapshot as unknown as TInvoiceSnapshot).lines).toEqual([
      { role: "goodwill", description: "Goodwill credit", quantity: 1, unitPriceMinor: 1000, taxRatePercent: 0 },
    ]);
    expect(await owner.order.refunds({ organizationId, orderId: order.id })).toEqual([
      expect.objectContaining({ id: requested.refundId, kind: "goodwill", status: "SUCCEEDED" }),
    ]);
    const mails = await kit.caughtFor(email);
    const refundMail = mails.find((mail) => mail.subject === `Goodwill refund for order ${order.reference}`);
    expect(refundMail?.text).toContain("Your tickets are not affected and stay valid.");
    expect(refundMail?.text).not.toContain("no longer valid");
  });

  it("refuses more than is left (pending refunds count), other organisations, roles without refunds and bad input, writing nothing", async () => {
    const { organizationId, owner, order } = await goodwillBench("Goodwill Bounds");
    const agent = await h.callerAs((await h.make.member(organizationId, "SUPPORT_AGENT")).id, { app: "admin" });
    const other = await h.make.organization();
    const otherAdmin = await h.callerAs((await h.make.member(other.id, "ADMIN")).id, { app: "admin" });
    const request = { organizationId, orderId: order.id, amountMinor: 1000, reason: "Late start" };

    await expect(agent.order.refund(request)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(otherAdmin.order.refund(request)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(otherAdmin.order.refund({ ...request, organizationId: other.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(owner.order.refund({ ...request, amountMinor: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(owner.order.refund({ ...request, amountMinor: 12.5 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const ticket = await h.db.ticket.findFirstOrThrow({ where: { orderId: order.id } });
    await expect(owner.order.refund({ ...request, ticketIds: [ticket.id] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const over = await owner.order.refund({ ...request, amountMinor: 5001 }).catch((error: unknown) => error);
    expect(over).toMatchObject({ code: "CONFLICT", cause: { code: "REFUND_EXCEEDS_REFUNDABLE", details: { amountMinor: 5001, refundableMinor: 5000 } } });
    expect(await writtenFor(order.id)).toEqual({ refunds: 0, outbox: 0, audit: 0 });

    // A pending refund counts: 3,000 pending leaves 2,000.
    await owner.order.refund({ ...request, amountMinor: 3000 });
    await expect(owner.order.refund({ ...request, amountMinor: 2001 })).rejects.toMatchObject({ cause: { code: "REFUND_EXCEEDS_REFUNDABLE" } });
    await owner.order.refund({ ...request, amountMinor: 2000 });
    expect(await writtenFor(order.id)).toEqual({ refunds: 2, outbox: 2, audit: 2 });
  });

  it("lets concurrent goodwill refunds together take no more than was paid", async () => {
    const { organizationId, owner, order } = await goodwillBench("Goodwill Race");
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => owner.order.refund({ organizationId, orderId: order.id, amountMinor: 2000, reason: `race ${i}` })),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(2);
    for (const failed of attempts.filter((a) => a.status === "rejected")) expect(failed.reason).toMatchObject({ cause: { code: "REFUND_EXCEEDS_REFUNDABLE" } });
    const refunds = await h.db.refund.findMany({ where: { orderId: order.id } });
    expect(refunds.reduce((sum, r) => sum + r.amountMinor, 0)).toBe(4000);
    for (const refund of refunds) await completeRefund(kit.deps, refund.id);
    expect(stripeRefunds(order.paymentIntentId)).toEqual([2000, 2000]);
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedMinor: 4000 });
  });

  it("answers a double submit with the same Idempotency-Key with one refund", async () => {
    const { organizationId, order } = await goodwillBench("Goodwill Double Click");
    const ownerId = (await h.make.member(organizationId, "OWNER")).id;
    const caller = await h.callerAs(ownerId, { app: "admin", request: { idempotencyKey: crypto.randomUUID() } });
    const request = { organizationId, orderId: order.id, amountMinor: 1500, reason: "Double click" };
    const [first, second] = await Promise.all([caller.order.refund(request), caller.order.refund(request)]);
    expect(second.refundId).toBe(first.refundId);
    expect(await writtenFor(order.id)).toEqual({ refunds: 1, outbox: 1, audit: 1 });
  });

  it("refunds tickets after a goodwill refund for what is left, and credit notes add up to the invoice", async () => {
    const { order } = await goodwillBench("Goodwill Then Tickets");
    const goodwill = await refundOrder(kit.deps, { orderId: order.id, amountMinor: 4000, reason: "Show cut short" });
    expect(goodwill).toMatchObject({ amountMinor: 4000, orderStatus: "PARTIALLY_REFUNDED" });
    const rest = await refundOrder(kit.deps, { orderId: order.id, reason: "Cannot come" });
    expect(rest).toMatchObject({ amountMinor: 1000, orderStatus: "REFUNDED" });
    expect(stripeRefunds(order.paymentIntentId)).toEqual([4000, 1000]);
    expect((await h.db.ticket.findMany({ where: { orderId: order.id } })).map((t) => t.status)).toEqual(["REVOKED", "REVOKED"]);

    const invoice = await h.db.invoice.findFirstOrThrow({ where: { orderId: order.id, kind: "INVOICE" } });
    const notes = await creditNotes(order.id);
    expect(notes.map((note) => note.totalMinor)).toEqual([-4000, -1000]);
    expect(notes.reduce((sum, note) => sum + note.totalMinor, 0)).toBe(-invoice.totalMinor);
    expect((notes[1]!.snapshot as unknown as TInvoiceSnapshot).lines.map((line) => [line.role, line.unitPriceMinor * line.quantity])).toEqual([
      ["ticket", 5000],
      ["goodwill", -4000],
    ]);
  });

  it("keeps the tickets valid after a goodwill refund of everything; nothing is left for a ticket refund", async () => {
    const { order } = await goodwillBench("Goodwill Everything");
    await refundOrder(kit.deps, { orderId: order.id, amountMinor: 5000, reason: "Cancelled act" });
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedMinor: 5000 });
    expect((await h.db.ticket.findMany({ where: { orderId: order.id } })).map((t) => t.status)).toEqual(["VALID", "VALID"]);
    await expect(refundOrder(kit.deps, { orderId: order.id, reason: "And the tickets" })).rejects.toMatchObject({ code: "REFUND_EXCEEDS_REFUNDABLE" });
    await expect(refundOrder(kit.deps, { orderId: order.id, amountMinor: 1, reason: "One more cent" })).rejects.toMatchObject({
      code: "REFUND_EXCEEDS_REFUNDABLE",
    });
    expect(stripeRefunds(order.paymentIntentId)).toEqual([5000]);
  });

  it("is finished by the reconciler when Stripe's answer was lost: one Stripe refund, one credit note", async () => {
    const { event, order } = await kit.paidOrder(1, "Goodwill Crash");
    kit.stripeServer.dropResponses(2, { method: "POST", path: "/v1/refunds" });
    await expect(refundOrder(kit.deps, { orderId: order.id, amountMinor: 700, reason: "Lost answer" })).rejects.toThrow();
    const result = await reconcileOrders({ ...kit.deps, clock: fixedClock(new Date(Date.now() + 5 * 60_000)) }, { eventId: event.id, unpaidAfterMs: 0 });
    expect(result.refunds).toHaveLength(1);
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedMinor: 700 });
    expect(stripeRefunds(order.paymentIntentId)).toEqual([700]);
    expect((await creditNotes(order.id)).map((note) => note.totalMinor)).toEqual([-700]);
  });
});
