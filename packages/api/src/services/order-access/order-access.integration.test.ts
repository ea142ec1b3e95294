// Order links and "Find my order" against real PostgreSQL, Redis (BullMQ) and an SMTP catcher:
// what a link opens and refuses, and that the request answers the same whether an order exists.
import { randomUUID } from "node:crypto";
import type { CaughtMessageDetail } from "@marquee/dev/services/mail-catcher";
import { Queue } from "bullmq";
import { describe, expect, it } from "vitest";
import { fixedClock, systemClock } from "../../clock.ts";
import { notificationOrderLinkRequested, QUEUE_NAMES, queuePrefix, type TOrderLinkRequestedPayload } from "../../jobs/index.ts";
import { useHarness } from "../../testing/harness.ts";
import { useMailCatcher } from "../../testing/mail-catcher-kit.ts";
import { restClient } from "../../testing/rest-client.ts";
import { orderAccessToken, orderLinkExpiry, orderLinkUrl } from "./order-link.ts";
import { sendOrderLinkEmail } from "./send-order-link-email.ts";

const h = useHarness();
const mail = useMailCatcher();
const WEB_URL = "http://localhost:3000";

async function caughtFor(to: string): Promise<CaughtMessageDetail[]> {
  const list = (await (await fetch(`${mail.catcher.httpUrl}/messages?to=${encodeURIComponent(to)}`)).json()) as { id: string }[];
  return Promise.all(list.map(async ({ id }) => (await (await fetch(`${mail.catcher.httpUrl}/messages/${id}`)).json()) as CaughtMessageDetail));
}

/** A paid guest order (no cart the caller holds, no account) on an event that ends in 10 days. */
async function paidOrder(status: "PAID" | "PENDING" = "PAID") {
  const endsAt = new Date(Date.now() + 10 * 86_400_000);
  const { organization, event } = await h.make.gaEvent({ event: { startsAt: new Date(endsAt.getTime() - 3 * 3_600_000), endsAt } });
  const buyerEmail = `guest-${randomUUID().slice(0, 8)}@example.test`;
  const order = await h.db.order.create({
    data: {
      reference: `MQ-${randomUUID().slice(0, 4).toUpperCase()}-${randomUUID().slice(0, 4).toUpperCase()}`,
      organizationId: organization.id,
      eventId: event.id,
      status,
      buyerName: "Grace",
      buyerEmail,
      currency: "EUR",
      subtotalMinor: 5000,
      totalMinor: 5000,
    },
  });
  return { order, event };
}

const linkExpired = { cause: { code: "LINK_EXPIRED" } };
const tokenOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get("token");

describe("order links", () => {
  it("open their order with no session and no cart: tickets and document links included", async () => {
    const { order, event } = await paidOrder();
    const url = orderLinkUrl(WEB_URL, { id: order.id, buyerEmail: order.buyerEmail, eventEndsAt: event.endsAt });
    expect(url).toMatch(new RegExp(`^${WEB_URL}/orders/${order.id}#token=v1\\.`));
    const caller = await h.callerAs(null, { request: { orderToken: tokenOf(url) } });
    const opened = await caller.order.byLink({ orderId: order.id });
    expect(opened).toMatchObject({ id: order.id, reference: order.reference, status: "PAID", tickets: [] });
    expect(opened.documents?.ticketsPdf).toMatch(/^\/api\/documents\/v1\./);
    // The cart-bound order.get still refuses a visitor without the cart.
    await expect(caller.order.get({ orderId: order.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuse another order, a tampered token, another address, an expired link, no token and an unknown order alike", async () => {
    const { order, event } = await paidOrder();
    const { order: other } = await paidOrder();
    const expiresAt = orderLinkExpiry(event.endsAt);
    const good = orderAccessToken(order, expiresAt);
    const byLink = async (orderId: string, orderToken: string | null, clock = systemClock) =>
      (await h.callerAs(null, { request: { orderToken }, clock })).order.byLink({ orderId });

    await expect(byLink(order.id, good)).resolves.toMatchObject({ id: order.id });
    await expect(byLink(other.id, good)).rejects.toMatchObject(linkExpired);
    // Any changed character of the signature, the last one (whose low bits base64 drops) included.
    for (const at of [good.length - 1, good.length - 20]) {
      const tampered = `${good.slice(0, at)}${good[at] === "A" ? "B" : "A"}${good.slice(at + 1)}`;
      await expect(byLink(order.id, tampered)).rejects.toMatchObject(linkExpired);
    }
    // A later expiry with the old signature: the signature covers the expiry.
    const [, , signature] = good.split(".");
    await expect(byLink(order.id, `v1.${(expiresAt.getTime() + 86_400_000).toString(36)}.${signature}`)).rejects.toMatchObject(linkExpired);
    await expect(byLink(order.id, orderAccessToken({ id: order.id, buyerEmail: "someone-else@example.test" }, expiresAt))).rejects.toMatchObject(linkExpired);
    await expect(byLink(order.id, good, fixedClock(new Date(expiresAt.getTime() + 1)))).rejects.toMatchObject(linkExpired);
    await expect(byLink(order.id, null)).rejects.toMatchObject(linkExpired);
    await expect(byLink(randomUUID(), good)).rejects.toMatchObject(linkExpired);
    // The address is part of the binding (any case): a changed buyer address voids the old links.
    await expect(byLink(order.id, orderAccessToken({ id: order.id, buyerEmail: order.buyerEmail.toUpperCase() }, expiresAt))).resolves.toMatchObject({
      id: order.id,
    });
    await h.db.order.update({ where: { id: order.id }, data: { buyerEmail: `new-${order.buyerEmail}` } });
    await expect(byLink(order.id, good)).rejects.toMatchObject(linkExpired);
  });
});

describe("Find my order (order.requestLink)", () => {
  const queue = () => new Queue(QUEUE_NAMES.notification, { connection: h.redis, prefix: queuePrefix(h.redisPrefix, QUEUE_NAMES.notification) });
  const queuedRequests = async () =>
    (await queue().getJobs(["waiting", "delayed", "prioritized"]))
      .filter((job) => job.name === notificationOrderLinkRequested.name)
      .map((job) => job.data as TOrderLinkRequestedPayload);
  const mailDeps = () => ({ db: h.db, clock: systemClock, mailer: mail.mailer, webUrl: WEB_URL });
  const ip = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

  it("answers the same whether or not an order matches, and only a match is e-mailed its link (once per request)", async () => {
    const { order } = await paidOrder();
    const { order: pending } = await paidOrder("PENDING");
    const caller = await h.callerAs(null, { request: { ip: ip() } });
    const stranger = `stranger-${randomUUID().slice(0, 8)}@example.test`;
    const answers = [
      await caller.order.requestLink({ email: order.buyerEmail.toUpperCase(), reference: ` ${order.reference.toLowerCase()} `, locale: "en" }),
      await caller.order.requestLink({ email: stranger, reference: order.reference }),
      await caller.order.requestLink({ email: pending.buyerEmail, reference: pending.reference }),
      await caller.order.requestLink({ email: stranger, reference: "MQ-NONE-NONE" }),
    ];
    expect(answers).toEqual([{ requested: true }, { requested: true }, { requested: true }, { requested: true }]);

    // Every request became a job; the worker decides.
    const requests = (await queuedRequests()).filter((request) => [order.buyerEmail, stranger, pending.buyerEmail].includes(request.email));
    expect(requests).toHaveLength(4);
    const sent = [];
    for (const request of requests) sent.push(await sendOrderLinkEmail(mailDeps(), request));
    expect(sent.filter(Boolean)).toHaveLength(1);
    const match = requests.find((request) => request.email === order.buyerEmail)!;
    expect(match.reference).toBe(order.reference);
    expect(await sendOrderLinkEmail(mailDeps(), match)).toBe(false);

    expect(await caughtFor(stranger)).toHaveLength(0);
    expect(await caughtFor(pending.buyerEmail)).toHaveLength(0);
    const [mail] = await caughtFor(order.buyerEmail);
    expect(mail).toMatchObject({ subject: `Your link to order ${order.reference}` });
    const link = mail!.text!.match(/http:\/\/localhost:3000\/orders\/\S+/)![0];
    const opened = await (await h.callerAs(null, { request: { orderToken: tokenOf(link) } })).order.byLink({ orderId: order.id });
    expect(opened.id).toBe(order.id);
  });

  it("is limited per address (3 an hour, from any IP) and per IP (10 in 10 minutes), and a refused request queues nothing", async () => {
    const email = `limited-${randomUUID().slice(0, 8)}@example.test`;
    for (let n = 0; n < 3; n++) await (await h.callerAs(null, { request: { ip: ip() } })).order.requestLink({ email, reference: "MQ-AAAA-AAAA" });
    await expect((await h.callerAs(null, { request: { ip: ip() } })).order.requestLink({ email, reference: "MQ-AAAA-AAAA" })).rejects.toMatchObject({
      cause: { code: "RATE_LIMITED" },
    });
    expect((await queuedRequests()).filter((request) => request.email === email)).toHaveLength(3);

    const sameIp = await h.callerAs(null, { request: { ip: "203.0.113.77" } });
    for (let n = 0; n < 10; n++) await sameIp.order.requestLink({ email: `ip-${n}-${randomUUID().slice(0, 6)}@example.test`, reference: "MQ-BBBB-BBBB" });
    await expect(sameIp.order.requestLink({ email: `ip-x-${randomUUID().slice(0, 6)}@example.test`, reference: "MQ-BBBB-BBBB" })).rejects.toMatchObject({
      cause: { code: "RATE_LIMITED" },
    });
  });

  it("is POST /api/v1/order-links over REST: 202 with the same answer, 400 VALIDATION_ERROR for a bad address", async () => {
    const rest = restClient(h);
    const post = (body: unknown) =>
      rest("/api/v1/order-links", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const email = `rest-${randomUUID().slice(0, 8)}@example.test`;
    await expect(post({ email, reference: "MQ-REST-0000" })).resolves.toMatchObject({ status: 202, body: { requested: true } });
    await expect(post({ email: "nope", reference: "MQ-REST-0000" })).resolves.toMatchObject({ status: 400, body: { error: { code: "VALIDATION_ERROR" } } });
    expect((await queuedRequests()).filter((request) => request.email === email)).toHaveLength(1);
  });

  it("refuses bad input with VALIDATION_ERROR and queues nothing", async () => {
    const caller = await h.callerAs(null, { request: { ip: ip() } });
    await expect(caller.order.requestLink({ email: "not-an-address", reference: "MQ-1234-5678" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.order.requestLink({ email: "a@example.test", reference: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
