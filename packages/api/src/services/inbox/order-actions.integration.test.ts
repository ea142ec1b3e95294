// Acting on the buyer's order from a conversation: the console's services (refund, resend,
// reissue) with their audit entries, a SYSTEM message the buyer sees, the action's own capability,
// and only the conversation's buyer's orders of the same organisation.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { useFulfilmentKit } from "../fulfilment/fulfilment-test-kit.ts";
import { useTicketKeyEnv } from "../ticket-self-service/self-service-test-kit.ts";
import { consoleMember, openConversation } from "./inbox-tools-test-kit.ts";

const h = useHarness();
const kit = useFulfilmentKit(h);
useTicketKeyEnv();

/** A paid order of two tickets (€25.00 each), a conversation about it, and the organisation's team. */
async function conversationAboutOrder() {
  const { event, email, order } = await kit.paidOrder(2, "Jonas Weber");
  const organizationId = event.organizationId;
  const conversation = await openConversation(h, { organizationId, orderId: order.id, eventId: event.id, email, name: "Jonas Weber" });
  const tickets = await h.db.ticket.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
  return {
    organizationId,
    event,
    email,
    orderId: order.id,
    tickets,
    conversationId: conversation.id,
    admin: await consoleMember(h, organizationId, "ADMIN", "Ana Lima"),
    agent: await consoleMember(h, organizationId, "SUPPORT_AGENT", "Sam Agent"),
    boxOffice: await consoleMember(h, organizationId, "BOX_OFFICE", "Bo Office"),
  };
}

const systemMessages = (conversationId: string) =>
  h.db.supportMessage.findMany({ where: { conversationId, authorKind: "SYSTEM" }, orderBy: { createdAt: "asc" } });

describe("order actions from a conversation", () => {
  it("refunds one ticket: a PENDING refund, its audit entry, and a SYSTEM message for the buyer, once per Idempotency-Key", async () => {
    const { organizationId, orderId, tickets, conversationId, admin } = await conversationAboutOrder();
    const input = { organizationId, conversationId, action: "refund" as const, orderId, ticketIds: [tickets[0]!.id], reason: "Cannot come" };
    const caller = await h.callerAs(admin.userId, { app: "admin", request: { idempotencyKey: "refund-key-1" } });

    const result = await caller.inboxTools.orderAction(input);
    expect(result.refund).toMatchObject({ amountMinor: 2500, currency: "EUR", ticketIds: [tickets[0]!.id], status: "PENDING", kind: "tickets" });
    expect(await caller.inboxTools.orderAction(input)).toEqual(result);

    const refunds = await h.db.refund.findMany({ where: { orderId } });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ status: "PENDING", amountMinor: 2500 });
    const audit = await h.db.auditLog.findMany({ where: { organizationId, action: "refund.create", targetId: orderId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.userId, data: { refundId: result.refund!.refundId, reason: "Cannot come" } });
    expect(await h.db.outboxEvent.count({ where: { topic: "refund.requested", aggregateId: result.refund!.refundId } })).toBe(1);

    const [message, ...more] = await systemMessages(conversationId);
    expect(more).toEqual([]);
    expect(message).toMatchObject({
      id: result.messageId,
      internal: false,
      systemEvent: "refund.requested",
      body: "Refund of 1 ticket (€25.00) issued by Ana.",
      authorId: admin.userId,
      data: { refundId: result.refund!.refundId, amountMinor: 2500, currency: "EUR", tickets: 1, reason: "Cannot come" },
    });
    const announced = await h.db.outboxEvent.findMany({ where: { topic: "support.message-added", aggregateId: conversationId } });
    expect(announced.map((e) => (e.payload as { messageId: string }).messageId)).toContain(result.messageId);
  });

  it("refuses a role without the action's capability with FORBIDDEN and changes nothing", async () => {
    const { organizationId, orderId, tickets, conversationId, agent, boxOffice } = await conversationAboutOrder();
    const refund = { organizationId, conversationId, action: "refund" as const, orderId, reason: "Goodwill" };
    // A support agent answers support but may not refund, resend or reissue; box office may refund but answers no support.
    await expect(agent.caller.inboxTools.orderAction(refund)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(agent.caller.inboxTools.orderAction({ organizationId, conversationId, action: "resend-confirmation", orderId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const reissue = { organizationId, conversationId, action: "reissue-ticket" as const, orderId, ticketId: tickets[0]!.id };
    await expect(agent.caller.inboxTools.orderAction(reissue)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(boxOffice.caller.inboxTools.orderAction(refund)).rejects.toMatchObject({ code: "FORBIDDEN" });

    expect(await h.db.refund.count({ where: { orderId } })).toBe(0);
    expect(await h.db.ticket.count({ where: { orderId, status: "VALID" } })).toBe(2);
    expect(await h.db.auditLog.count({ where: { organizationId, targetId: { in: [orderId, tickets[0]!.id] } } })).toBe(0);
    expect(await systemMessages(conversationId)).toEqual([]);
  });

  it("resends the confirmation and reissues a ticket, leaving short codes only in the thread", async () => {
    const { organizationId, orderId, tickets, conversationId, admin } = await conversationAboutOrder();
    const resent = await admin.caller.inboxTools.orderAction({ organizationId, conversationId, action: "resend-confirmation", orderId });
    // A second click within the minute is the same resend and the same message.
    expect(await admin.caller.inboxTools.orderAction({ organizationId, conversationId, action: "resend-confirmation", orderId })).toEqual(resent);
    expect(await h.db.outboxEvent.count({ where: { topic: "order.confirmation-resend", aggregateId: orderId } })).toBe(1);

    const reissue = { organizationId, conversationId, action: "reissue-ticket" as const, orderId, ticketId: tickets[0]!.id };
    const reissued = await admin.caller.inboxTools.orderAction(reissue);
    expect(await admin.caller.inboxTools.orderAction(reissue)).toEqual(reissued);
    expect(await h.db.ticket.findUniqueOrThrow({ where: { id: tickets[0]!.id } })).toMatchObject({ status: "REVOKED" });
    const fresh = await h.db.ticket.findUniqueOrThrow({ where: { id: reissued.ticket!.id } });
    expect(await h.db.auditLog.count({ where: { organizationId, action: "ticket.reissue", targetId: tickets[0]!.id } })).toBe(1);

    const messages = await systemMessages(conversationId);
    expect(messages.map((m) => [m.systemEvent, m.internal])).toEqual([
      ["order.confirmation-resent", false],
      ["ticket.reissued", false],
    ]);
    expect(messages[1]!.body).toBe(`Ticket ${tickets[0]!.shortCode} was reissued as ${fresh.shortCode} by Ana; the old ticket no longer admits.`);
    const stored = JSON.stringify(messages);
    expect(stored).not.toContain(fresh.signedCode);
    expect(stored).not.toContain(tickets[0]!.signedCode);
  });

  it("answers NOT_FOUND for an order of another buyer or organisation, and for another organisation's conversation", async () => {
    const mine = await conversationAboutOrder();
    const { organizationId, conversationId, admin } = mine;
    const refundOf = (orderId: string, conversation = conversationId, org = organizationId) => ({
      organizationId: org,
      conversationId: conversation,
      action: "refund" as const,
      orderId,
      reason: "x",
    });
    // Another buyer's order at the same organisation (same event).
    const otherBuyer = await h.db.order.create({
      data: {
        reference: `MQ-O${randomUUID().slice(0, 8)}`,
        organizationId,
        eventId: mine.event.id,
        status: "PAID",
        buyerName: "Someone Else",
        buyerEmail: "someone-else@example.test",
        currency: "EUR",
        subtotalMinor: 2500,
        totalMinor: 2500,
      },
    });
    await expect(admin.caller.inboxTools.orderAction(refundOf(otherBuyer.id))).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Another organisation's order and conversation.
    const theirs = await conversationAboutOrder();
    await expect(admin.caller.inboxTools.orderAction(refundOf(theirs.orderId))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin.caller.inboxTools.orderAction(refundOf(mine.orderId, theirs.conversationId))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin.caller.inboxTools.orderAction(refundOf(theirs.orderId, theirs.conversationId))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin.caller.inboxTools.orderAction(refundOf(theirs.orderId, theirs.conversationId, theirs.organizationId))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await h.db.refund.count({ where: { orderId: { in: [otherBuyer.id, theirs.orderId, mine.orderId] } } })).toBe(0);
    expect(await h.db.supportMessage.count({ where: { conversationId: { in: [conversationId, theirs.conversationId] }, authorKind: "SYSTEM" } })).toBe(0);

    // The same buyer's other order (matched by e-mail address) is theirs to act on from this conversation.
    const sameBuyer = await h.db.order.create({
      data: {
        ...otherBuyer,
        id: undefined,
        reference: `MQ-S${randomUUID().slice(0, 8)}`,
        buyerEmail: mine.email.toUpperCase(),
        createdAt: undefined,
        updatedAt: undefined,
      },
    });
    // It has no payment to refund: the refund service's own refusal, not NOT_FOUND, proves it was found.
    await expect(admin.caller.inboxTools.orderAction(refundOf(sameBuyer.id))).rejects.not.toMatchObject({ code: "NOT_FOUND" });
  });
});
