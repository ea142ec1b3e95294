// inbox.get and inbox.reply against real PostgreSQL: the thread and buyer panel, the collision rule
// (held, forced, nothing written when held), reply and solve, and who may not see or answer.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { issueTickets } from "../tickets/issue-tickets.ts";
import { ticketDeps } from "../tickets/tickets-test-kit.ts";
import { replyToConversation } from "../support/reply-to-conversation.ts";
import { systemClock } from "../../clock.ts";
import { openConversation } from "./inbox-test-kit.ts";

const h = useHarness();

async function paidOrder(organizationId: string, buyerEmail: string, userId: string | null = null) {
  const venue = await h.make.venue(organizationId);
  const event = await h.make.event(organizationId, venue.id);
  const ticketType = await h.make.ticketType(event.id, { capacity: 10 }, 2500);
  const order = await h.db.order.create({
    data: {
      reference: `MQ-${randomUUID().slice(0, 8).toUpperCase()}`,
      organizationId,
      eventId: event.id,
      userId,
      status: "PAID",
      buyerName: "Ada",
      buyerEmail,
      currency: "EUR",
      subtotalMinor: 2500,
      totalMinor: 2500,
      paidAt: new Date(),
      lines: { create: [{ eventId: event.id, ticketTypeId: ticketType.id, quantity: 1, unitPriceMinor: 2500, totalMinor: 2500 }] },
    },
  });
  await issueTickets(ticketDeps(h), { orderId: order.id });
  return { order, event };
}

describe("inbox.get", () => {
  it("answers the whole thread and the buyer's orders with this organisation, with short codes only", async () => {
    const { organizationId, caller } = await h.memberOf("SUPPORT_AGENT");
    const email = `ada-${randomUUID().slice(0, 6)}@example.test`;
    const { order, event } = await paidOrder(organizationId, email);
    // Another organisation's order of the same buyer stays out of the panel.
    const elsewhere = await h.make.organization();
    await paidOrder(elsewhere.id, email);
    const c = await openConversation(h.db, organizationId, { requesterEmail: email, orderId: order.id, eventId: event.id });
    const other = await openConversation(h.db, organizationId, { requesterEmail: email, subject: "Another question" });
    const note = await caller.inbox.reply({
      organizationId,
      conversationId: c.id,
      body: "Checking the box office",
      internal: true,
      lastSeenMessageId: c.messageId,
    });
    const got = await caller.inbox.get({ organizationId, conversationId: c.id });
    expect(got).toMatchObject({
      id: c.id,
      order: { id: order.id, reference: order.reference },
      event: { id: event.id },
      lastMessageId: note.messageId,
      mergedInto: null,
      can: { refund: false, manageOrder: false },
      buyer: { email, hasAccount: false, otherConversations: [{ id: other.id, subject: "Another question", status: "OPEN" }] },
    });
    expect(got.messages.map((m) => [m.authorKind, m.internal, m.body])).toEqual([
      ["BUYER", false, "I paid but got no e-mail."],
      ["AGENT", true, "Checking the box office"],
    ]);
    expect(got.buyer.orders).toHaveLength(1);
    expect(got.buyer.orders[0]).toMatchObject({ id: order.id, reference: order.reference, eventName: event.name, totalMinor: 2500 });
    const ticket = got.buyer.orders[0]!.tickets[0]!;
    expect(Object.keys(ticket).sort()).toEqual(["id", "seatLabel", "shortCode", "status", "ticketTypeName"]);
    expect(JSON.stringify(got)).not.toContain((await h.db.ticket.findFirstOrThrow({ where: { orderId: order.id } })).signedCode);
  });

  it("tells an owner they may refund and manage the order", async () => {
    const { organizationId, caller } = await h.memberOf("OWNER");
    const c = await openConversation(h.db, organizationId);
    expect((await caller.inbox.get({ organizationId, conversationId: c.id })).can).toEqual({ refund: true, manageOrder: true });
  });
});

describe("inbox.reply", () => {
  it("holds a reply when the buyer wrote meanwhile (CONVERSATION_CHANGED, nothing written), then sends it when forced", async () => {
    const { organizationId, userId, caller } = await h.memberOf("SUPPORT_AGENT");
    const c = await openConversation(h.db, organizationId);
    const { messageId: buyerAgain } = await replyToConversation(
      { db: h.db, clock: systemClock },
      null,
      { conversationId: c.id, message: "Hello?" },
      c.accessToken,
    );
    const before = await h.db.supportMessage.count({ where: { conversationId: c.id } });
    const outboxBefore = await h.db.outboxEvent.count({ where: { aggregateId: c.id } });
    const held = caller.inbox.reply({
      organizationId,
      conversationId: c.id,
      body: "Your tickets are attached.",
      lastSeenMessageId: c.messageId,
      status: "RESOLVED",
    });
    await expect(held).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { code: "CONVERSATION_CHANGED", details: { messages: [{ id: buyerAgain, authorKind: "BUYER", internal: false }] } },
    });
    expect(await h.db.supportMessage.count({ where: { conversationId: c.id } })).toBe(before);
    expect(await h.db.outboxEvent.count({ where: { aggregateId: c.id } })).toBe(outboxBefore);
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "OPEN", firstResponseAt: null });

    // Having seen the new message, the same reply goes through; so does a forced one.
    const sent = await caller.inbox.reply({ organizationId, conversationId: c.id, body: "Your tickets are attached.", lastSeenMessageId: buyerAgain });
    expect(sent.status).toBe("PENDING");
    const forced = await caller.inbox.reply({ organizationId, conversationId: c.id, body: "And the invoice.", lastSeenMessageId: c.messageId, force: true });
    expect(await h.db.supportMessage.findUniqueOrThrow({ where: { id: forced.messageId } })).toMatchObject({ authorKind: "AGENT", authorId: userId });
  });

  it("is held by another agent's reply or note too, but not by system events", async () => {
    const { organizationId, caller } = await h.memberOf("SUPPORT_AGENT");
    const colleague = await h.make.member(organizationId, "ADMIN");
    const other = await h.callerAs(colleague.id, { app: "admin" });
    const c = await openConversation(h.db, organizationId);
    await caller.inbox.update({ organizationId, conversationId: c.id, priority: "HIGH" });
    const ok = await caller.inbox.reply({ organizationId, conversationId: c.id, body: "Note", internal: true, lastSeenMessageId: c.messageId });
    const theirs = await other.inbox.reply({ organizationId, conversationId: c.id, body: "I'll take it", internal: true, lastSeenMessageId: ok.messageId });
    await expect(caller.inbox.reply({ organizationId, conversationId: c.id, body: "Answer", lastSeenMessageId: ok.messageId })).rejects.toMatchObject({
      cause: { code: "CONVERSATION_CHANGED", details: { messages: [{ id: theirs.messageId, authorKind: "AGENT", authorId: colleague.id }] } },
    });
  });

  it("replies and solves in one step, with the status change in the thread", async () => {
    const { organizationId, caller } = await h.memberOf("SUPPORT_AGENT");
    const c = await openConversation(h.db, organizationId);
    const sent = await caller.inbox.reply({ organizationId, conversationId: c.id, body: "Done!", lastSeenMessageId: c.messageId, status: "RESOLVED" });
    expect(sent.status).toBe("RESOLVED");
    const stored = await h.db.supportConversation.findUniqueOrThrow({
      where: { id: c.id },
      include: { messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    });
    expect(stored.resolvedAt).not.toBeNull();
    expect(stored.firstResponseAt).not.toBeNull();
    expect(stored.messages.map((m) => m.systemEvent ?? m.authorKind)).toEqual(["BUYER", "AGENT", "status.changed"]);
  });

  it("replies and snoozes in one step; a snooze without a time writes nothing", async () => {
    const { organizationId, caller } = await h.memberOf("SUPPORT_AGENT");
    const c = await openConversation(h.db, organizationId);
    const reply = { organizationId, conversationId: c.id, body: "Let's talk after the show.", lastSeenMessageId: c.messageId, status: "SNOOZED" as const };
    await expect(caller.inbox.reply(reply)).rejects.toMatchObject({ cause: { code: "VALIDATION_ERROR", details: { field: "snoozedUntil" } } });
    expect(await h.db.supportMessage.count({ where: { conversationId: c.id } })).toBe(1);
    const until = new Date(Date.now() + 86_400_000);
    expect(await caller.inbox.reply({ ...reply, snoozedUntil: until })).toMatchObject({ status: "SNOOZED" });
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "SNOOZED", snoozedUntil: until });
  });

  it("refuses a lastSeenMessageId of another conversation and an empty body", async () => {
    const { organizationId, caller } = await h.memberOf("SUPPORT_AGENT");
    const c = await openConversation(h.db, organizationId);
    const d = await openConversation(h.db, organizationId);
    await expect(caller.inbox.reply({ organizationId, conversationId: c.id, body: "x", lastSeenMessageId: d.messageId })).rejects.toMatchObject({
      cause: { code: "VALIDATION_ERROR", details: { field: "lastSeenMessageId" } },
    });
    await expect(caller.inbox.reply({ organizationId, conversationId: c.id, body: "   ", lastSeenMessageId: c.messageId })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await h.db.supportMessage.count({ where: { conversationId: c.id } })).toBe(1);
  });
});

describe("who may use the inbox", () => {
  it("answers NOT_FOUND for another organisation's conversation on every procedure, changing nothing", async () => {
    const { organizationId, caller } = await h.memberOf("OWNER");
    const mine = await openConversation(h.db, organizationId);
    const theirOrg = await h.make.organization();
    const theirs = await openConversation(h.db, theirOrg.id);
    const theirsToo = await openConversation(h.db, theirOrg.id);
    const calls = [
      () => caller.inbox.get({ organizationId, conversationId: theirs.id }),
      () => caller.inbox.reply({ organizationId, conversationId: theirs.id, body: "Hi", lastSeenMessageId: null, force: true }),
      () => caller.inbox.update({ organizationId, conversationId: theirs.id, status: "RESOLVED" }),
      () => caller.inbox.merge({ organizationId, conversationId: theirs.id, intoConversationId: mine.id }),
      () => caller.inbox.merge({ organizationId, conversationId: mine.id, intoConversationId: theirs.id }),
      () => caller.inbox.merge({ organizationId, conversationId: theirsToo.id, intoConversationId: theirs.id }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    expect(ids(await caller.inbox.list({ organizationId, view: "all", q: String(theirs.number) }))).not.toContain(theirs.id);
    expect(await h.db.supportMessage.count({ where: { conversationId: theirs.id } })).toBe(1);
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ status: "OPEN", mergedIntoId: null });
    // Their organisation's id in the input: FORBIDDEN before anything is looked up.
    await expect(caller.inbox.list({ organizationId: theirOrg.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses box office and door staff on every procedure", async () => {
    for (const role of ["BOX_OFFICE", "DOOR_STAFF"] as const) {
      const { organizationId, caller } = await h.memberOf(role);
      const c = await openConversation(h.db, organizationId);
      const d = await openConversation(h.db, organizationId);
      const calls = [
        () => caller.inbox.list({ organizationId }),
        () => caller.inbox.counts({ organizationId }),
        () => caller.inbox.get({ organizationId, conversationId: c.id }),
        () => caller.inbox.reply({ organizationId, conversationId: c.id, body: "Hi", lastSeenMessageId: null }),
        () => caller.inbox.update({ organizationId, conversationId: c.id, status: "RESOLVED" }),
        () => caller.inbox.merge({ organizationId, conversationId: d.id, intoConversationId: c.id }),
      ];
      for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

const ids = (list: { items: { id: string }[] }) => list.items.map((item) => item.id);
