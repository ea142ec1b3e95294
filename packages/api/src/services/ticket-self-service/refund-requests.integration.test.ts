// Buyers' refund requests, through the shop's and the console's routers against real PostgreSQL:
// the event's policy, one pending request per order, the organisers' e-mail and list (their own
// organisation only), and approval running the existing refund saga to the end.
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { useFulfilmentKit } from "../fulfilment/fulfilment-test-kit.ts";
import { completeRefund } from "../refunds/refund-order.ts";
import { buyerOrder, mailDeps, useTicketKeyEnv } from "./self-service-test-kit.ts";
import { sendRefundRequestEmail } from "./self-service-emails.ts";

const h = useHarness();
const kit = useFulfilmentKit(h);
useTicketKeyEnv();

const DAY = 24 * 60 * 60 * 1000;

describe("ticket.requestRefund", () => {
  it("reaches the organisation's owners and admins and their list only; approving runs the refund saga", async () => {
    const { event, order, caller, tickets } = await buyerOrder(h, kit, { quantity: 2 });
    const owner = await h.make.member(event.organizationId, "OWNER");
    const boxOffice = await h.make.member(event.organizationId, "BOX_OFFICE");
    const console = await h.callerAs(owner.id, { app: "admin" });

    const request = await caller.ticket.requestRefund({ orderId: order.id, ticketIds: [tickets[0]!.id], reason: "I am ill" });
    expect(request).toMatchObject({ status: "PENDING", ticketIds: [tickets[0]!.id], reason: "I am ill", refundId: null });
    expect(await h.db.outboxEvent.count({ where: { topic: "refund-request.created", aggregateId: request.id } })).toBe(1);
    // One pending request per order; its ticket cannot be transferred meanwhile.
    await expect(caller.ticket.requestRefund({ orderId: order.id, reason: "again" })).rejects.toMatchObject({ cause: { code: "REFUND_REQUEST_PENDING" } });
    await expect(
      caller.ticket.transfer({ orderId: order.id, ticketId: tickets[0]!.id, recipient: { name: "Friend", email: "friend@example.test" } }),
    ).rejects.toMatchObject({ cause: { code: "TICKET_NOT_CHANGEABLE", details: { reason: "REFUND_PENDING" } } });

    // The owners and admins are told (box office is not), once.
    expect(await sendRefundRequestEmail(mailDeps(h, kit), request.id)).toBe(1);
    expect(await sendRefundRequestEmail(mailDeps(h, kit), request.id)).toBe(0);
    const [mail] = await kit.caughtFor(owner.email);
    expect(mail!.subject).toBe(`Refund request for order ${(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).reference}`);
    expect(mail!.text).toContain("I am ill");
    expect(await kit.caughtFor(boxOffice.email)).toHaveLength(0);

    // The console's list: this organisation's; another organisation's admin neither lists nor decides it.
    expect((await console.refundRequest.list({ organizationId: event.organizationId })).map((r) => r.id)).toContain(request.id);
    const other = await h.memberOf("ADMIN");
    expect(await other.caller.refundRequest.list({ organizationId: other.organizationId })).toEqual([]);
    // Their own organisation with this one's event id: NOT_FOUND, not an empty page.
    await expect(other.caller.refundRequest.list({ organizationId: other.organizationId, eventId: event.id })).rejects.toMatchObject({
      cause: { code: "NOT_FOUND" },
    });
    expect((await console.refundRequest.list({ organizationId: event.organizationId, eventId: event.id })).map((r) => r.id)).toContain(request.id);
    await expect(other.caller.refundRequest.list({ organizationId: event.organizationId })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
    await expect(other.caller.refundRequest.approve({ organizationId: other.organizationId, requestId: request.id })).rejects.toMatchObject({
      cause: { code: "NOT_FOUND" },
    });
    await expect(other.caller.refundRequest.decline({ organizationId: other.organizationId, requestId: request.id, note: "no" })).rejects.toMatchObject({
      cause: { code: "NOT_FOUND" },
    });
    await expect(other.caller.refundRequest.approve({ organizationId: event.organizationId, requestId: request.id })).rejects.toMatchObject({
      cause: { code: "FORBIDDEN" },
    });
    expect(await h.db.refundRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "PENDING", refundId: null });

    // Approval: the saga's PENDING refund (outbox refund.requested), completed as the payment worker does.
    const approved = await console.refundRequest.approve({ organizationId: event.organizationId, requestId: request.id });
    expect(approved).toMatchObject({ status: "APPROVED", refundId: expect.any(String) });
    expect(await console.refundRequest.approve({ organizationId: event.organizationId, requestId: request.id })).toEqual(approved);
    expect(await h.db.outboxEvent.count({ where: { topic: "refund.requested", aggregateId: approved.refundId! } })).toBe(1);
    await completeRefund(kit.deps, approved.refundId!);
    expect(await h.db.ticket.findUniqueOrThrow({ where: { id: tickets[0]!.id } })).toMatchObject({ status: "REVOKED" });
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedMinor: 2500 });
    const seen = await caller.ticket.selfService({ orderId: order.id });
    expect(seen.refundRequests[0]).toMatchObject({ id: request.id, status: "APPROVED" });
    expect(seen.tickets.find((t) => t.id === tickets[0]!.id)).toMatchObject({ status: "REVOKED", blockedBy: "REFUNDED" });
  });

  it("follows the event's policy and lets the organiser decline", async () => {
    const { event, order, caller, buyer } = await buyerOrder(h, kit, { quantity: 1, refunds: false });
    await expect(caller.ticket.requestRefund({ orderId: order.id, reason: "please" })).rejects.toMatchObject({ cause: { code: "REFUND_REQUESTS_CLOSED" } });
    await h.db.event.update({ where: { id: event.id }, data: { refundRequestsEnabled: true } });
    const late = await h.callerAs(buyer.id, { clock: fixedClock(new Date(event.startsAt.getTime() - DAY)) });
    await expect(late.ticket.requestRefund({ orderId: order.id, reason: "please" })).rejects.toMatchObject({ cause: { code: "REFUND_REQUESTS_CLOSED" } });
    const stranger = await h.callerAs((await h.make.user()).id);
    await expect(stranger.ticket.requestRefund({ orderId: order.id, reason: "mine now" })).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    expect(await h.db.refundRequest.count({ where: { orderId: order.id } })).toBe(0);

    const request = await caller.ticket.requestRefund({ orderId: order.id, reason: "please" });
    const admin = await h.make.member(event.organizationId, "ADMIN");
    const console = await h.callerAs(admin.id, { app: "admin" });
    const declined = await console.refundRequest.decline({ organizationId: event.organizationId, requestId: request.id, note: "Past our policy" });
    expect(declined).toMatchObject({ status: "DECLINED", decisionNote: "Past our policy" });
    await expect(console.refundRequest.approve({ organizationId: event.organizationId, requestId: request.id })).rejects.toMatchObject({
      cause: { code: "CONFLICT" },
    });
    expect(await h.db.refund.count({ where: { orderId: order.id } })).toBe(0);
    expect((await caller.ticket.selfService({ orderId: order.id })).refundRequests[0]).toMatchObject({ status: "DECLINED", decisionNote: "Past our policy" });
  });
});
