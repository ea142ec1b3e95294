// The buyer side of support conversations through the router (real PostgreSQL and Redis):
// who may open a conversation about an order or event, who may follow it, what buyers see.
import { randomUUID } from "node:crypto";
import { handleTrpcRequest } from "../../http/trpc-fetch.ts";
import { webRouter } from "../../root.ts";
import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { kitCart } from "../booking/booking-test-kit.ts";
import { hashSupportAccessToken } from "./access-token.ts";
import { addAgentReply } from "./add-agent-reply.ts";

const h = useHarness();

async function orderFor(owner: { cartId?: string; userId?: string }) {
  const { organization, event } = await h.make.gaEvent({ event: { name: `Support Gala ${randomUUID().slice(0, 6)}` } });
  const order = await h.db.order.create({
    data: {
      reference: `MQ-${randomUUID().slice(0, 10).toUpperCase()}`,
      organizationId: organization.id,
      eventId: event.id,
      cartId: owner.cartId ?? null,
      userId: owner.userId ?? null,
      status: "PAID",
      buyerName: "Ada",
      buyerEmail: "ada@example.test",
      currency: "EUR",
      subtotalMinor: 5000,
      totalMinor: 5000,
    },
  });
  return { organization, event, order };
}

const question = {
  name: "Ada Lovelace",
  email: "Ada@Example.COM",
  subject: "Wheelchair access",
  message: "Is there step-free access to the stalls?",
  locale: "de" as const,
};

/** A guest with a cart, its order and a conversation about it. */
async function guestConversation() {
  const cart = await kitCart(h);
  const { organization, event, order } = await orderFor({ cartId: cart.id });
  const caller = await h.callerAs(null, { request: { cartToken: cart.token } });
  const started = await caller.support.start({ ...question, orderId: order.id });
  return { cart, organization, event, order, caller, ...started };
}

describe("support.start", () => {
  it("opens a conversation about the cart's order with the first message, storing only the token's hash", async () => {
    const { organization, event, order, conversationId, accessToken } = await guestConversation();
    expect(accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await h.db.supportConversation.findUniqueOrThrow({ where: { id: conversationId }, include: { messages: true } });
    expect(stored).toMatchObject({
      organizationId: organization.id,
      orderId: order.id,
      eventId: event.id,
      requesterId: null,
      requesterEmail: "ada@example.com",
      requesterName: "Ada Lovelace",
      locale: "de",
      subject: "Wheelchair access",
      status: "OPEN",
      accessTokenHash: hashSupportAccessToken(accessToken),
    });
    expect(stored.accessTokenHash).not.toContain(accessToken);
    expect(stored.messages).toEqual([expect.objectContaining({ authorKind: "BUYER", body: question.message, internal: false })]);
  });

  it("refuses another cart's order, and an order without any cart, as not found", async () => {
    const owner = await kitCart(h);
    const { order } = await orderFor({ cartId: owner.id });
    const stranger = await kitCart(h);
    for (const caller of [await h.callerAs(null, { request: { cartToken: stranger.token } }), await h.callerAs(null)]) {
      await expect(caller.support.start({ ...question, orderId: order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await h.db.supportConversation.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("lets a signed-in buyer ask about their account's order and refuses another user's", async () => {
    const buyer = await h.make.user();
    const { order } = await orderFor({ userId: buyer.id });
    const { conversationId } = await (await h.callerAs(buyer.id)).support.start({ ...question, orderId: order.id });
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ requesterId: buyer.id, orderId: order.id });

    const other = await h.make.user();
    await expect((await h.callerAs(other.id)).support.start({ ...question, orderId: order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets a signed-in buyer ask about their order from a browser holding another cart than the one it was paid under", async () => {
    const buyer = await h.make.user();
    const paidUnder = await kitCart(h);
    const { order } = await orderFor({ cartId: paidUnder.id, userId: buyer.id });
    // The confirmation page's "Contact support" loads the order with the browser's current cart, then starts the conversation.
    const laterCart = await kitCart(h);
    const owner = await h.callerAs(buyer.id, { request: { cartToken: laterCart.token } });
    await expect(owner.order.get({ orderId: order.id })).resolves.toMatchObject({ id: order.id });
    const { conversationId } = await owner.support.start({ ...question, orderId: order.id });
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ requesterId: buyer.id, orderId: order.id });

    // Another account, even with the cart the order was paid under, and that cart without a session: not found.
    const other = await h.callerAs((await h.make.user()).id, { request: { cartToken: paidUnder.token } });
    const tokenOnly = await h.callerAs(null, { request: { cartToken: paidUnder.token } });
    for (const caller of [other, tokenOnly]) {
      await expect(caller.order.get({ orderId: order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(caller.support.start({ ...question, orderId: order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await h.db.supportConversation.count({ where: { orderId: order.id } })).toBe(1);
  });

  it("belongs to a published event's organisation without an order; drafts and a missing topic are refused", async () => {
    const { organization, event } = await h.make.gaEvent();
    const caller = await h.callerAs(null);
    const { conversationId } = await caller.support.start({ ...question, eventId: event.id });
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
      organizationId: organization.id,
      eventId: event.id,
      orderId: null,
    });

    const draft = await h.make.event(organization.id, (await h.make.venue(organization.id)).id, { status: "DRAFT" });
    await expect(caller.support.start({ ...question, eventId: draft.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.support.start(question)).rejects.toMatchObject({ code: "BAD_REQUEST", cause: expect.objectContaining({ code: "VALIDATION_ERROR" }) });
    await expect(caller.support.start({ ...question, eventId: event.id, subject: "x".repeat(201) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("answers a double submit with the same Idempotency-Key once", async () => {
    const { event } = await h.make.gaEvent();
    const cart = await kitCart(h);
    const caller = await h.callerAs(null, { request: { cartToken: cart.token, idempotencyKey: randomUUID() } });
    const [first, second] = await Promise.all([
      caller.support.start({ ...question, eventId: event.id }),
      caller.support.start({ ...question, eventId: event.id }),
    ]);
    expect(second).toEqual(first);
    expect(await h.db.supportConversation.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("refuses a cross-site submission", async () => {
    const { event } = await h.make.gaEvent();
    const caller = await h.callerAs(null, { request: { trpcSource: "web", origin: "https://evil.example", secFetchSite: "cross-site" } });
    await expect(caller.support.start({ ...question, eventId: event.id })).rejects.toMatchObject({ cause: expect.objectContaining({ code: "CSRF_REJECTED" }) });
  });
});

describe("support.thread", () => {
  it("shows the conversation with the token: order, event, agents by first name, never internal notes", async () => {
    const { order, event, conversationId, accessToken } = await guestConversation();
    const organizationId = order.organizationId;
    const agent = await h.make.member(organizationId, "SUPPORT_AGENT", { name: "Grace Brewster Hopper" });
    const nameless = await h.make.member(organizationId, "SUPPORT_AGENT", { name: null });
    await addAgentReply(h.db, { conversationId, agentId: agent.id, body: "Internal: check the venue sheet", internal: true });
    await addAgentReply(h.db, { conversationId, agentId: agent.id, body: "Yes, there is a ramp at door B.", internal: false });
    await addAgentReply(h.db, { conversationId, agentId: nameless.id, body: "Anything else?", internal: false });

    const thread = await (await h.callerAs(null, { request: { supportToken: accessToken } })).support.thread({ conversationId });
    expect(thread).toMatchObject({
      subject: "Wheelchair access",
      status: "PENDING",
      order: { id: order.id, reference: order.reference },
      event: { id: event.id, name: event.name },
    });
    expect(thread.messages.map((m) => [m.authorKind, m.authorName, m.body])).toEqual([
      ["BUYER", null, question.message],
      ["AGENT", "Grace", "Yes, there is a ramp at door B."],
      ["AGENT", null, "Anything else?"],
    ]);
  });

  it("is not found with a wrong or missing token, for other users, and for unknown ids", async () => {
    const { conversationId, accessToken } = await guestConversation();
    const anonymous = await h.callerAs(null);
    const stranger = await h.callerAs((await h.make.user()).id);
    const withToken = (token: string) => h.callerAs(null, { request: { supportToken: token } });
    const attempts = [
      anonymous.support.thread({ conversationId }),
      (await withToken(`${accessToken.slice(0, -1)}${accessToken.endsWith("A") ? "B" : "A"}`)).support.thread({ conversationId }),
      stranger.support.thread({ conversationId }),
      (await withToken(accessToken)).support.thread({ conversationId: randomUUID() }),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is open to the signed-in requester without a token", async () => {
    const buyer = await h.make.user();
    const { event } = await h.make.gaEvent();
    const caller = await h.callerAs(buyer.id);
    const { conversationId } = await caller.support.start({ ...question, eventId: event.id });
    await expect(caller.support.thread({ conversationId })).resolves.toMatchObject({ id: conversationId, order: null, event: { name: event.name } });
  });
});

describe("support token transport", () => {
  it("is read from the X-Support-Token header; a token in the query's input is refused, never honoured", async () => {
    const { conversationId, accessToken } = await guestConversation();
    const url = (input: unknown) => `http://localhost:3000/api/trpc/support.thread?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    const viaHeader = await handleTrpcRequest(new Request(url({ conversationId }), { headers: { "x-support-token": accessToken } }), webRouter, h.httpDeps());
    expect(viaHeader.status).toBe(200);
    const viaUrl = await handleTrpcRequest(new Request(url({ conversationId, accessToken })), webRouter, h.httpDeps());
    expect(viaUrl.status).toBe(404);
  });
});

describe("support.reply", () => {
  it("adds the buyer's message, reopens a resolved conversation and moves its last activity", async () => {
    const { conversationId, accessToken } = await guestConversation();
    const before = await h.db.supportConversation.update({
      where: { id: conversationId },
      data: { status: "RESOLVED", lastMessageAt: new Date(Date.now() - 60_000) },
    });
    const caller = await h.callerAs(null, { request: { supportToken: accessToken } });
    const answer = await caller.support.reply({ conversationId, message: "  One more question.  " });
    expect(answer.status).toBe("OPEN");
    expect(answer.lastMessageAt.getTime()).toBeGreaterThan(before.lastMessageAt.getTime());
    const thread = await caller.support.thread({ conversationId });
    expect(thread.status).toBe("OPEN");
    expect(thread.messages.at(-1)).toMatchObject({ id: answer.messageId, authorKind: "BUYER", body: "One more question." });
  });

  it("refuses a wrong token and writes nothing", async () => {
    const { conversationId } = await guestConversation();
    await expect(
      (await h.callerAs(null, { request: { supportToken: "x".repeat(43) } })).support.reply({ conversationId, message: "Hello?" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await h.db.supportMessage.count({ where: { conversationId } })).toBe(1);
  });
});

describe("support.mine", () => {
  it("lists the signed-in requester's conversations, most recent activity first", async () => {
    const buyer = await h.make.user();
    const { event } = await h.make.gaEvent();
    const caller = await h.callerAs(buyer.id);
    const older = await caller.support.start({ ...question, eventId: event.id, subject: "First" });
    const newer = await caller.support.start({ ...question, eventId: event.id, subject: "Second" });
    await caller.support.reply({ conversationId: older.conversationId, message: "Bump" });
    await (await h.callerAs(null)).support.start({ ...question, eventId: event.id, subject: "A guest's" });

    const mine = await caller.support.mine();
    expect(mine.map((c) => c.subject)).toEqual(["First", "Second"]);
    expect(mine[1]).toMatchObject({ id: newer.conversationId, status: "OPEN", event: { id: event.id } });
    await expect((await h.callerAs(null)).support.mine()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("addAgentReply", () => {
  it("leaves the conversation waiting for the buyer, except for internal notes", async () => {
    const { conversationId } = await guestConversation();
    const agentId = (await h.make.user()).id;
    await addAgentReply(h.db, { conversationId, agentId, body: "Note", internal: true });
    expect((await h.db.supportConversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe("OPEN");
    await addAgentReply(h.db, { conversationId, agentId, body: "Answer", internal: false });
    expect((await h.db.supportConversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe("PENDING");
    await expect(addAgentReply(h.db, { conversationId: randomUUID(), agentId, body: "Lost", internal: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
