// The console's orders: search, the order page's activity, the actions (resend, reissue, cancel)
// and the streamed exports, each refused for another organisation and for a weaker role.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps, kitCart } from "../booking/booking-test-kit.ts";
import { createHold } from "../booking/create-hold.ts";
import { checkout } from "../checkout/checkout.ts";
import { useFulfilmentKit } from "../fulfilment/fulfilment-test-kit.ts";
import { useTicketKeyEnv } from "../ticket-self-service/self-service-test-kit.ts";
import { completeRefund } from "../refunds/refund-order.ts";
import { cancelPendingOrder } from "./cancel-order.ts";
import { safeCell } from "./csv-stream.ts";
import { startExport } from "./export-orders.ts";

const h = useHarness();
const kit = useFulfilmentKit(h);
useTicketKeyEnv();

async function staff(organizationId: string) {
  const as = async (role: "ADMIN" | "BOX_OFFICE" | "SUPPORT_AGENT" | "DOOR_STAFF") =>
    h.callerAs((await h.make.member(organizationId, role)).id, { app: "admin" });
  const other = await h.make.organization();
  return {
    admin: await as("ADMIN"),
    agent: await as("SUPPORT_AGENT"),
    door: await as("DOOR_STAFF"),
    otherId: other.id,
    other: await h.callerAs((await h.make.member(other.id, "ADMIN")).id, { app: "admin" }),
  };
}

describe("organiser orders", () => {
  it("finds an order by e-mail, name, reference and ticket code; other organisations and door staff are refused", async () => {
    const { event, email, order } = await kit.paidOrder(2, "Searchable Buyer");
    const organizationId = event.organizationId;
    const { admin, agent, door, other, otherId } = await staff(organizationId);
    const [ticket] = await h.db.ticket.findMany({ where: { orderId: order.id } });
    const { reference } = await h.db.order.findUniqueOrThrow({ where: { id: order.id } });

    for (const query of [email.toUpperCase(), "searchable buy", reference.toLowerCase(), ticket!.shortCode.toLowerCase()]) {
      const found = await agent.order.list({ organizationId, query });
      expect(
        found.orders.map((o) => o.id),
        query,
      ).toEqual([order.id]);
    }
    expect((await admin.order.list({ organizationId, eventId: event.id, status: "PAID" })).orders).toHaveLength(1);
    expect((await admin.order.list({ organizationId, status: "REFUNDED", eventId: event.id })).orders).toHaveLength(0);
    expect((await admin.order.list({ organizationId, query: "nobody-like-this" })).orders).toHaveLength(0);
    await expect(admin.order.list({ organizationId, limit: 101 })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await expect(door.order.list({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.order.list({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.order.list({ organizationId: otherId, eventId: event.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.order.list({ organizationId: otherId, cursor: order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await other.order.list({ organizationId: otherId, query: email })).orders).toEqual([]);
    await expect(other.order.activity({ organizationId: otherId, orderId: order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(door.order.activity({ organizationId, orderId: order.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("pages with a cursor, newest first", async () => {
    const { event } = await kit.paidOrder(1, "Page One");
    const organizationId = event.organizationId;
    const { admin } = await staff(organizationId);
    for (const name of ["Page Two", "Page Three"]) {
      await h.db.order.create({
        data: {
          reference: `MQ-T${crypto.randomUUID().slice(0, 6).toUpperCase()}`,
          organizationId,
          eventId: event.id,
          buyerName: name,
          buyerEmail: "p@example.test",
          currency: "EUR",
          subtotalMinor: 0,
          totalMinor: 0,
        },
      });
    }
    const first = await admin.order.list({ organizationId, limit: 2 });
    expect(first.orders.map((o) => o.buyerName)).toEqual(["Page Three", "Page Two"]);
    const second = await admin.order.list({ organizationId, limit: 2, cursor: first.nextCursor! });
    expect(second.orders.map((o) => o.buyerName)).toEqual(["Page One"]);
    expect(second.nextCursor).toBeNull();
  });

  it("resends the confirmation once per click, reissues a ticket with its old code revoked, and shows both on the order page", async () => {
    const { event, order } = await kit.paidOrder(2, "Action Buyer");
    const organizationId = event.organizationId;
    const { admin, agent, other, otherId } = await staff(organizationId);
    const [ticket, second] = await h.db.ticket.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
    const input = { organizationId, orderId: order.id };

    await expect(agent.order.resendConfirmation(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.order.resendConfirmation({ ...input, organizationId: otherId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const resent = await admin.order.resendConfirmation(input);
    expect(await admin.order.resendConfirmation(input)).toEqual(resent);
    expect(await h.db.outboxEvent.count({ where: { topic: "order.confirmation-resend", aggregateId: order.id } })).toBe(1);

    const reissue = { ...input, ticketId: ticket!.id, reason: "QR shared online" };
    await expect(agent.order.reissueTicket(reissue)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.order.reissueTicket({ ...reissue, organizationId: otherId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin.order.reissueTicket({ ...reissue, ticketId: crypto.randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const reissued = await admin.order.reissueTicket(reissue);
    expect(await admin.order.reissueTicket(reissue)).toEqual(reissued);
    expect(await h.db.ticket.findUniqueOrThrow({ where: { id: ticket!.id } })).toMatchObject({ status: "REVOKED" });
    expect(await h.db.ticket.findUniqueOrThrow({ where: { id: reissued.ticketId } })).toMatchObject({ status: "VALID", orderLineId: ticket!.orderLineId });
    expect(reissued.shortCode).not.toBe(ticket!.shortCode);

    // A refund of both valid tickets still returns exactly what was paid (the reissued one is not counted as refunded).
    const refund = await admin.order.refund({ ...input, ticketIds: [reissued.ticketId, second!.id], reason: "cannot come" });
    expect(refund.amountMinor).toBe(5000);
    await completeRefund(kit.deps, refund.refundId);

    const activity = await agent.order.activity(input);
    expect(activity.audit.map((a) => a.action)).toEqual(expect.arrayContaining(["order.resend-confirmation", "ticket.reissue", "refund.create"]));
    expect(activity.emails.map((e) => e.kind)).toEqual(["confirmation", "refund"]);
    expect(activity.refundableMinor).toBe(0);
  });

  it("cancels an unpaid order (once), and refuses to cancel a paid one", async () => {
    const { event, order: paid } = await kit.paidOrder(1, "Paid Buyer");
    const organizationId = event.organizationId;
    const { admin, agent, other, otherId } = await staff(organizationId);
    const ticketType = await h.db.ticketType.findFirstOrThrow({ where: { eventId: event.id } });
    const cart = await kitCart(h);
    const hold = await createHold(bookingDeps(h), cart, { admissionToken: null }, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] });
    const pending = await checkout({ db: h.db, stripe: kit.settings.client, clock: systemClock }, cart, {
      holdId: hold.id,
      buyer: { name: "Pending Buyer", email: "pending@example.test" },
      locale: "en",
    });
    const input = { organizationId, orderId: pending.id, reason: "phoned to cancel" };
    await expect(agent.order.cancel(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.order.cancel({ ...input, organizationId: otherId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin.order.cancel({ ...input, orderId: paid.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await h.db.order.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "PENDING" });
    // Without Stripe in the context the intent cannot be cancelled: refused, nothing changed.
    await expect(admin.order.cancel(input)).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    expect(await h.db.order.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "PENDING" });
    // With Stripe (as the console's server has it): the intent is cancelled, the order CANCELLED, audited; a retry answers the same.
    const deps = { db: h.db, clock: systemClock, stripe: kit.settings.client };
    const actor = { kind: "user" as const, userId: null, ip: null };
    expect(await cancelPendingOrder(deps, { ...input, actor })).toEqual({ orderId: pending.id, status: "CANCELLED" });
    expect(await cancelPendingOrder(deps, { ...input, actor })).toEqual({ orderId: pending.id, status: "CANCELLED" });
    expect(await h.db.order.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "CANCELLED" });
    expect((await kit.settings.client.paymentIntents.retrieve(pending.paymentIntentId)).status).toBe("canceled");
    expect(await h.db.auditLog.count({ where: { action: "order.cancel", targetId: pending.id } })).toBe(1);
  });

  it("streams the attendees and orders as CSV, injection-safe, audited", async () => {
    const { event, order } = await kit.paidOrder(2, "=Export Buyer");
    const organizationId = event.organizationId;
    const actor = { kind: "user" as const, userId: null, ip: null };
    const attendees = await startExport({ db: h.db }, { organizationId, kind: "attendees", eventId: event.id, actor });
    expect(attendees.total).toBe(2);
    const rows = parse(await new Response(attendees.stream).text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ buyer_name: "'=Export Buyer", status: "VALID" });
    const orders = await startExport({ db: h.db }, { organizationId, kind: "orders", actor });
    const orderRows = parse(await new Response(orders.stream).text(), { columns: true }) as Record<string, string>[];
    expect(orderRows.map((r) => r.order_reference)).toEqual([(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).reference]);
    expect(await h.db.auditLog.count({ where: { organizationId, action: { in: ["export.attendees", "export.orders"] } } })).toBe(2);
    const other = await h.make.organization();
    await expect(startExport({ db: h.db }, { organizationId: other.id, kind: "attendees", eventId: event.id, actor })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(["=1", "+1", "-1", "@a", "a=b", "\tx"].map(safeCell)).toEqual(["'=1", "'+1", "'-1", "'@a", "a=b", "'\tx"]);
    expect([-2500, 0, 12.5].map(safeCell)).toEqual(["-2500", "0", "12.5"]);
  });
});
