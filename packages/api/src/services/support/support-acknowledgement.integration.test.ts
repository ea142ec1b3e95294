// A buyer who writes to support is acknowledged by e-mail (real PostgreSQL, Redis and an SMTP
// catcher): the outbox event commits with the conversation, one e-mail per conversation, and its
// link opens the conversation for a guest on another device, and no other conversation.
import { randomUUID } from "node:crypto";
import type { CaughtMessageDetail } from "@marquee/dev/services/mail-catcher";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { useMailCatcher } from "../../testing/mail-catcher-kit.ts";
import { kitCart } from "../booking/booking-test-kit.ts";
import { acknowledgeConversation, conversationReference } from "./acknowledge-conversation.ts";
import { orderAccessToken } from "../order-access/order-link.ts";
import { CONVERSATION_LINK_DAYS } from "./conversation-link.ts";

const h = useHarness();
const mail = useMailCatcher();
const WEB_URL = "http://localhost:3000";

async function caughtFor(to: string): Promise<CaughtMessageDetail[]> {
  const list = (await (await fetch(`${mail.catcher.httpUrl}/messages?to=${encodeURIComponent(to)}`)).json()) as { id: string }[];
  return Promise.all(list.map(async ({ id }) => (await (await fetch(`${mail.catcher.httpUrl}/messages/${id}`)).json()) as CaughtMessageDetail));
}

/** A guest's question about a published event, from their own cart. */
async function guestQuestion(email: string) {
  const { event } = await h.make.gaEvent({ event: { name: `Ack Gala ${randomUUID().slice(0, 6)}` } });
  const cart = await kitCart(h);
  const caller = await h.callerAs(null, { request: { cartToken: cart.token } });
  const started = await caller.support.start({
    name: "Ada Lovelace",
    email,
    subject: "Step-free access",
    message: "Is there a lift to the balcony?",
    locale: "en",
    eventId: event.id,
  });
  return started;
}

const tokenOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get("token");
const deps = () => ({ db: h.db, mailer: mail.mailer, webUrl: WEB_URL });

describe("support acknowledgement", () => {
  it("is queued with the conversation, sent once, and says the reference, what happens next and how to get back", async () => {
    const email = `ada-${randomUUID().slice(0, 8)}@example.test`;
    const { conversationId } = await guestQuestion(email);
    const outbox = await h.db.outboxEvent.findMany({ where: { topic: "support.conversation-started", aggregateId: conversationId } });
    expect(outbox.map((row) => row.payload)).toEqual([{ conversationId }]);

    expect(await acknowledgeConversation(deps(), conversationId)).toBe(true);
    expect(await acknowledgeConversation(deps(), conversationId)).toBe(false);
    const mails = await caughtFor(email);
    expect(mails).toHaveLength(1);
    const text = mails[0]!.text!;
    expect(mails[0]!.subject).toBe("We have received your message: Step-free access");
    expect(text).toContain(conversationReference(conversationId));
    expect(text).toContain("What happens next");
    expect(text).toMatch(new RegExp(`${WEB_URL}/support/${conversationId}#token=v1\\.`));
  });

  it("links to the conversation for a guest with no cart and no session; the token opens no other conversation and expires", async () => {
    const email = `grace-${randomUUID().slice(0, 8)}@example.test`;
    const { conversationId } = await guestQuestion(email);
    const { conversationId: otherId } = await guestQuestion(`other-${randomUUID().slice(0, 8)}@example.test`);
    await acknowledgeConversation(deps(), conversationId);
    const link = (await caughtFor(email))[0]!.text!.match(/http:\/\/localhost:3000\/support\/\S+/)![0];
    const supportToken = tokenOf(link);

    const elsewhere = await h.callerAs(null, { request: { supportToken } });
    const thread = await elsewhere.support.thread({ conversationId });
    expect(thread).toMatchObject({ id: conversationId, subject: "Step-free access" });
    await expect(elsewhere.support.reply({ conversationId, message: "Also: is there a hearing loop?" })).resolves.toMatchObject({ status: "OPEN" });
    await expect(elsewhere.support.thread({ conversationId: otherId })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const later = fixedClock(new Date(Date.now() + (CONVERSATION_LINK_DAYS + 1) * 86_400_000));
    const expired = await h.callerAs(null, { request: { supportToken }, clock: later });
    await expect(expired.support.reply({ conversationId, message: "Still there?" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets a guest who opened the order by its e-mailed link (no cart) ask about it; another order's link is refused", async () => {
    const { organization, event } = await h.make.gaEvent();
    const order = await h.db.order.create({
      data: {
        reference: `MQ-${randomUUID().slice(0, 9).toUpperCase()}`,
        organizationId: organization.id,
        eventId: event.id,
        status: "PAID",
        buyerName: "Grace",
        buyerEmail: `linked-${randomUUID().slice(0, 8)}@example.test`,
        currency: "EUR",
        subtotalMinor: 100,
        totalMinor: 100,
      },
    });
    const question = { name: "Grace", email: order.buyerEmail, subject: "Seats", message: "Can we sit together?", locale: "en" as const, orderId: order.id };
    const token = orderAccessToken(order, new Date(Date.now() + 86_400_000));
    const started = await (await h.callerAs(null, { request: { orderToken: token } })).support.start(question);
    await expect(h.db.supportConversation.findUniqueOrThrow({ where: { id: started.conversationId } })).resolves.toMatchObject({ orderId: order.id });
    const otherToken = orderAccessToken({ id: randomUUID(), buyerEmail: order.buyerEmail }, new Date(Date.now() + 86_400_000));
    await expect((await h.callerAs(null, { request: { orderToken: otherToken } })).support.start(question)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("sends nothing for a conversation that does not exist", async () => {
    expect(await acknowledgeConversation(deps(), randomUUID())).toBe(false);
  });
});
