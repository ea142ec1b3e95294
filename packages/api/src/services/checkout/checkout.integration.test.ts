// checkout and getOrder against the local Stripe test server through the official SDK: one order
// per hold, one PaymentIntent per order (concurrency, dropped responses, retries), pricing with
// tax and vouchers, and the confirmed payment coming back through the webhook.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startStripeTestServer, type StripeTestServer } from "@marquee/dev/services/stripe-local/index";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, systemClock } from "../../clock.ts";
import { readStripeEnv } from "../../env.ts";
import { parseTrustedProxies } from "../../http/client-ip.ts";
import { createApiServer } from "../../http/standalone-server.ts";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps, kitCart } from "../booking/booking-test-kit.ts";
import { createHold } from "../booking/create-hold.ts";
import { applyStripeEvent } from "../payments/apply-stripe-event.ts";
import { QUEUE_NAMES, queuePrefix, type TStripeEventPayload } from "../../jobs/index.ts";
import { createStripeSettings, type StripeSettings } from "../payments/stripe-client.ts";
import { checkout } from "./checkout.ts";

const h = useHarness();
const SECRET = "whsec_test_checkout_0123456789";
let stripeServer: StripeTestServer;
let settings: StripeSettings;
let api: Server;
let base = "";

beforeAll(async () => {
  stripeServer = await startStripeTestServer({ webhook: { url: null, secret: SECRET } });
  settings = createStripeSettings(readStripeEnv({ STRIPE_API_URL: stripeServer.url, STRIPE_WEBHOOK_SECRET: SECRET }), { maxNetworkRetries: 0 });
  api = createApiServer({ ...h.httpDeps({ stripe: settings }), trustedProxies: parseTrustedProxies(""), publicUrl: "http://localhost:3000" });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  stripeServer.setWebhookEndpoint(`${base}/api/webhooks/stripe`, SECRET);
});
afterAll(async () => {
  await new Promise<void>((resolve) => api.close(() => resolve()));
  await stripeServer.stop();
});

const buyer = { name: "Ada Lovelace", email: "Ada@Example.com" };
const intentsOf = (orderId: string) => stripeServer.paymentIntents().filter((intent) => intent.metadata.orderId === orderId);

async function heldEvent({ quantity = 2, capacity = 10, taxRateBp = 1900 } = {}) {
  const { organization, event, ticketType } = await h.make.gaEvent({ capacity });
  await h.db.priceTier.updateMany({ where: { ticketTypeId: ticketType.id }, data: { taxRateBp } });
  const cart = await kitCart(h);
  const hold = await createHold(bookingDeps(h), cart, { admissionToken: null }, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity }] });
  return { organization, event, ticketType, cart, hold };
}

async function call(path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { "content-type": "application/json", ...(init.token ? { "x-cart-token": init.token } : {}), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked field by field
  return { status: response.status, body: (await response.json()) as any };
}

describe("checkout", () => {
  it("over REST: a pending order priced from the hold with one PaymentIntent, paid through Stripe and the webhook", async () => {
    const { cart, hold, ticketType } = await heldEvent();
    const first = await call(`/holds/${hold.id}/checkout`, { token: cart.token, body: { buyer } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: "PENDING",
      buyerEmail: "ada@example.com",
      currency: "EUR",
      subtotalMinor: 5000,
      discountMinor: 0,
      taxMinor: 798,
      totalMinor: 5000,
    });
    expect(first.body.lines).toEqual([
      expect.objectContaining({ ticketTypeId: ticketType.id, quantity: 2, unitPriceMinor: 2500, taxRateBp: 1900, taxMinor: 798, totalMinor: 5000 }),
    ]);
    const [intent] = intentsOf(first.body.id);
    expect(intent).toMatchObject({
      id: first.body.paymentIntentId,
      amount: 5000,
      currency: "eur",
      capture_method: "manual",
      status: "requires_payment_method",
    });
    expect(first.body.clientSecret).toBe(intent!.client_secret);

    // Checking out again answers the same order and intent.
    const again = await call(`/holds/${hold.id}/checkout`, { token: cart.token, body: { buyer } });
    expect(again.body).toMatchObject({ id: first.body.id, paymentIntentId: first.body.paymentIntentId });
    expect(intentsOf(first.body.id)).toHaveLength(1);

    // The buyer confirms (as Stripe.js would); the webhook queues the event; the worker applies it.
    await settings.client.paymentIntents.confirm(first.body.paymentIntentId, { payment_method: "pm_card_visa" });
    await stripeServer.webhooksSettled();
    const queue = new Queue(QUEUE_NAMES.payment, { connection: h.redis, prefix: queuePrefix(h.redisPrefix, QUEUE_NAMES.payment) });
    const payloads = (await queue.getJobs(["waiting", "delayed"]))
      .map((job) => job.data as TStripeEventPayload)
      .filter((p) => p.objectId === first.body.paymentIntentId);
    await queue.close();
    for (const payload of payloads) await applyStripeEvent({ db: h.db, stripe: settings.client }, payload);
    const order = await call(`/orders/${first.body.id}`, { token: cart.token });
    expect(order.body).toMatchObject({ status: "PENDING", payment: { status: "AUTHORIZED", paymentIntentId: first.body.paymentIntentId } });
    expect((await call(`/orders/${first.body.id}`, { token: (await kitCart(h)).token })).status).toBe(404);
  });

  it("gives one order and one PaymentIntent to concurrent checkouts and across a dropped Stripe response", async () => {
    const { cart, hold } = await heldEvent();
    const deps = { db: h.db, stripe: settings.client, clock: systemClock };
    const results = await Promise.all(Array.from({ length: 8 }, () => checkout(deps, cart, { holdId: hold.id, buyer, locale: "en" })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.paymentIntentId)).size).toBe(1);
    expect(intentsOf(results[0]!.id)).toHaveLength(1);

    // Stripe created the intent but the answer was lost: the SDK retries a closed connection once
    // (with our Idempotency-Key: the same intent).
    const dropped = await heldEvent();
    stripeServer.dropResponses(1, { method: "POST", path: "/v1/payment_intents" });
    const once = await checkout(deps, dropped.cart, { holdId: dropped.hold.id, buyer, locale: "en" });
    expect(intentsOf(once.id).map((intent) => intent.id)).toEqual([once.paymentIntentId]);
    // Lost twice: checkout fails; the buyer's retry (same key) gets the intent Stripe made.
    const second = await heldEvent();
    stripeServer.dropResponses(2, { method: "POST", path: "/v1/payment_intents" });
    await expect(checkout(deps, second.cart, { holdId: second.hold.id, buyer, locale: "en" })).rejects.toThrow();
    expect(await h.db.payment.count({ where: { order: { holdId: second.hold.id }, providerPaymentId: null } })).toBe(1);
    const retried = await checkout(deps, second.cart, { holdId: second.hold.id, buyer, locale: "en" });
    expect(intentsOf(retried.id)).toHaveLength(1);
    expect(retried.paymentIntentId).toBe(intentsOf(retried.id)[0]!.id);
    expect(await h.db.order.count({ where: { holdId: second.hold.id } })).toBe(1);
  });

  it("replays an Idempotency-Key and refuses it with another body", async () => {
    const { cart, hold } = await heldEvent();
    const headers = { "idempotency-key": `k-${crypto.randomUUID()}` };
    const first = await call(`/holds/${hold.id}/checkout`, { token: cart.token, body: { buyer }, headers });
    expect(await call(`/holds/${hold.id}/checkout`, { token: cart.token, body: { buyer }, headers })).toEqual(first);
    const other = await call(`/holds/${hold.id}/checkout`, { token: cart.token, body: { buyer: { ...buyer, name: "Someone Else" } }, headers });
    expect(other).toMatchObject({ status: 422, body: { error: { code: "IDEMPOTENCY_MISMATCH" } } });
  });

  it("applies a voucher once per order and refuses a used-up one", async () => {
    const { organization, cart, hold, event } = await heldEvent({ taxRateBp: 0 });
    await h.db.voucher.create({
      data: { organizationId: organization.id, eventId: event.id, code: "TENOFF", kind: "PERCENT", amount: 1000, maxRedemptions: 1 },
    });
    const order = await checkout({ db: h.db, stripe: settings.client, clock: systemClock }, cart, {
      holdId: hold.id,
      buyer,
      voucherCode: "tenoff",
      locale: "en",
    });
    expect(order).toMatchObject({ subtotalMinor: 5000, discountMinor: 500, totalMinor: 4500 });
    expect(intentsOf(order.id)[0]).toMatchObject({ amount: 4500 });
    const other = await kitCart(h);
    const otherHold = await createHold(
      bookingDeps(h),
      other,
      { admissionToken: null },
      { eventId: event.id, items: [{ ticketTypeId: hold.items[0]!.ticketTypeId, quantity: 1 }] },
    );
    await expect(
      checkout({ db: h.db, stripe: settings.client, clock: systemClock }, other, { holdId: otherHold.id, buyer, voucherCode: "TENOFF", locale: "en" }),
    ).rejects.toMatchObject({ code: "CONFLICT", details: { reason: "VOUCHER_USED_UP" } });
    // The page tells an unknown code from a used-up one by the error's details.
    await expect(
      checkout({ db: h.db, stripe: settings.client, clock: systemClock }, other, { holdId: otherHold.id, buyer, voucherCode: "NOSUCHCODE", locale: "en" }),
    ).rejects.toMatchObject({ code: "VALIDATION_ERROR", details: { reason: "VOUCHER_INVALID" } });
    await expect(
      checkout({ db: h.db, stripe: settings.client, clock: systemClock }, other, { holdId: otherHold.id, buyer, voucherCode: "NOPE", locale: "en" }),
    ).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    expect(await h.db.order.count({ where: { holdId: otherHold.id } })).toBe(0);
  });

  it("refuses an expired hold, another cart's hold and bad input, creating nothing", async () => {
    const { cart, hold } = await heldEvent();
    const later = fixedClock(new Date(hold.expiresAt.getTime() + 1));
    await expect(checkout({ db: h.db, stripe: settings.client, clock: later }, cart, { holdId: hold.id, buyer, locale: "en" })).rejects.toMatchObject({
      code: "HOLD_EXPIRED",
    });
    await expect(
      checkout({ db: h.db, stripe: settings.client, clock: systemClock }, await kitCart(h), { holdId: hold.id, buyer, locale: "en" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const bad = await call(`/holds/${hold.id}/checkout`, { token: cart.token, body: { buyer: { name: "", email: "not-an-email" } } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_ERROR" } } });
    expect(await h.db.order.count({ where: { holdId: hold.id } })).toBe(0);
  });

  it("gives the order to whoever is signed in when paying, not to the account the cart was made under", async () => {
    const user = await h.make.user();
    const signedIn = await heldEvent();
    const order = await checkout({ db: h.db, stripe: settings.client, clock: systemClock, session: { id: user.id } }, signedIn.cart, {
      holdId: signedIn.hold.id,
      buyer,
      locale: "en",
    });
    expect((await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).userId).toBe(user.id);

    // A cart made while signed in, then used by a guest on the same device: a guest order.
    const { event, ticketType } = await h.make.gaEvent({ capacity: 5 });
    const accountCart = await kitCart(h, user.id);
    const hold = await createHold(
      bookingDeps(h),
      accountCart,
      { admissionToken: null },
      { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
    );
    const guestOrder = await checkout({ db: h.db, stripe: settings.client, clock: systemClock, session: null }, accountCart, {
      holdId: hold.id,
      buyer,
      locale: "en",
    });
    expect((await h.db.order.findUniqueOrThrow({ where: { id: guestOrder.id } })).userId).toBeNull();
  });
});
