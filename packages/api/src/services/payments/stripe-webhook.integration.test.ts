// Stripe webhooks end to end: the local Stripe test server (driven by the official SDK) posts
// signed events to POST /api/webhooks/stripe on the standalone API server; the events are queued
// once; the payment worker's handler applies them once, in any order, moving payments forward.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startStripeTestServer, type StripeTestServer } from "@marquee/dev/services/stripe-local/index";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readStripeEnv } from "../../env.ts";
import { parseTrustedProxies } from "../../http/client-ip.ts";
import { createApiServer } from "../../http/standalone-server.ts";
import { useHarness } from "../../testing/harness.ts";
import { applyStripeEvent } from "./apply-stripe-event.ts";
import { QUEUE_NAMES, queuePrefix, type TStripeEventPayload } from "../../jobs/index.ts";
import { createStripeSettings, type StripeSettings } from "./stripe-client.ts";

const h = useHarness();
const SECRET = "whsec_test_webhooks_0123456789";
let stripeServer: StripeTestServer;
let settings: StripeSettings;
let api: Server;
let endpoint = "";
let queue: Queue;

beforeAll(async () => {
  stripeServer = await startStripeTestServer({ webhook: { url: null, secret: SECRET } });
  settings = createStripeSettings(readStripeEnv({ STRIPE_API_URL: stripeServer.url, STRIPE_WEBHOOK_SECRET: SECRET }), { maxNetworkRetries: 0 });
  api = createApiServer({ ...h.httpDeps(), trustedProxies: parseTrustedProxies(""), publicUrl: "http://localhost:3000", stripe: settings });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/webhooks/stripe`;
  stripeServer.setWebhookEndpoint(endpoint, SECRET);
  queue = new Queue(QUEUE_NAMES.payment, { connection: h.redis, prefix: queuePrefix(h.redisPrefix, QUEUE_NAMES.payment) });
});
afterAll(async () => {
  await queue.close();
  await new Promise<void>((resolve) => api.close(() => resolve()));
  await stripeServer.stop();
});

const queuedPayloads = async () => (await queue.getJobs(["waiting", "delayed", "active", "completed", "failed"])).map((job) => job.data as TStripeEventPayload);
const intentFor = (amount = 2500) =>
  settings.client.paymentIntents.create({ amount, currency: "eur", capture_method: "manual", metadata: { test: "webhooks" } });
const post = (body: string, signature?: string) =>
  fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) }, body }).then(
    async (r) => ({ status: r.status, body: (await r.json()) as { error?: { code: string } } }),
  );

async function paymentRow(intentId: string, amountMinor = 2500) {
  const { organization, event } = await h.make.gaEvent();
  const order = await h.db.order.create({
    data: {
      reference: `T-${intentId.slice(-10)}`,
      organizationId: organization.id,
      eventId: event.id,
      buyerName: "Ada",
      buyerEmail: "ada@example.com",
      currency: "EUR",
      subtotalMinor: amountMinor,
      totalMinor: amountMinor,
    },
  });
  return h.db.payment.create({ data: { orderId: order.id, providerPaymentId: intentId, amountMinor, currency: "EUR" } });
}

const eventsOf = (intentId: string) => stripeServer.events().filter((event) => (event.data.object as { id?: string; payment_intent?: string }).id === intentId);
const payloadOf = (event: { id: string; type: string; data: { object: unknown } }): TStripeEventPayload => ({
  eventId: event.id,
  type: event.type,
  objectId: (event.data.object as { id: string }).id,
});

describe("POST /api/webhooks/stripe", () => {
  it("queues each signed event once, however often Stripe delivers it", async () => {
    const intent = await intentFor();
    await settings.client.paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" });
    await stripeServer.webhooksSettled();
    const events = eventsOf(intent.id);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["payment_intent.created", "payment_intent.amount_capturable_updated"]));
    expect(
      stripeServer
        .deliveries()
        .filter((d) => events.some((e) => e.id === d.eventId))
        .every((d) => d.status === 200),
    ).toBe(true);
    const before = (await queuedPayloads()).filter((p) => p.objectId === intent.id);
    expect(before.map((p) => p.eventId).sort()).toEqual(events.map((e) => e.id).sort());
    await stripeServer.redeliver(events[0]!.id, 3);
    await stripeServer.deliverShuffled(
      events.map((e) => e.id),
      { times: 2 },
    );
    expect((await queuedPayloads()).filter((p) => p.objectId === intent.id)).toHaveLength(before.length);
  });

  it("refuses a missing or bad signature, an altered body, and a stale or future timestamp, queueing nothing", async () => {
    const intent = await intentFor();
    await stripeServer.webhooksSettled();
    const [event] = eventsOf(intent.id);
    const body = JSON.stringify(event);
    const sign = (payload: string, timestamp = Math.floor(Date.now() / 1000), secret = SECRET) =>
      settings.client.webhooks.generateTestHeaderString({ payload, secret, timestamp });
    const countBefore = (await queuedPayloads()).length;
    const refused = [
      await post(body),
      await post(body, sign(body, undefined, "whsec_someone_else_entirely")),
      await post(body.replace('"amount":2500', '"amount":1'), sign(body)),
      await post(body, sign(body, Math.floor(Date.now() / 1000) - 301)),
      await post(body, sign(body, Math.floor(Date.now() / 1000) + 301)),
      await post(body, "t=abc,v1=def"),
    ];
    expect(refused.map((r) => [r.status, r.body.error?.code])).toEqual(Array(6).fill([400, "WEBHOOK_SIGNATURE_INVALID"]));
    expect((await queuedPayloads()).length).toBe(countBefore);
    // The same body, correctly signed now, is accepted (and was already queued: nothing new).
    expect((await post(body, sign(body))).status).toBe(200);
    expect((await queuedPayloads()).length).toBe(countBefore);
  });
});

describe("applyStripeEvent (the payment worker's handler)", () => {
  it("applies each event once, in any order, and only moves a payment forward", async () => {
    const intent = await intentFor();
    const payment = await paymentRow(intent.id);
    await settings.client.paymentIntents.confirm(intent.id, { payment_method: "pm_card_authenticationRequired" });
    stripeServer.authenticate(intent.id, "succeed");
    await stripeServer.webhooksSettled();
    const payloads = eventsOf(intent.id).map(payloadOf);
    expect(payloads.map((p) => p.type)).toEqual(expect.arrayContaining(["payment_intent.requires_action", "payment_intent.amount_capturable_updated"]));
    // Every event three times, shuffled, concurrently.
    const deliveries = [...payloads, ...payloads, ...payloads].sort(() => Math.random() - 0.5);
    const outcomes = await Promise.all(deliveries.map((p) => applyStripeEvent({ db: h.db, stripe: settings.client }, p)));
    expect(outcomes.filter((o) => o === "DUPLICATE")).toHaveLength(payloads.length * 2);
    expect(await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "AUTHORIZED", capturedMinor: 0 });
    expect(await h.db.processedMessage.count({ where: { consumer: "stripe-event", messageId: { in: payloads.map((p) => p.eventId) } } })).toBe(payloads.length);

    await settings.client.paymentIntents.capture(intent.id);
    await stripeServer.webhooksSettled();
    const succeeded = eventsOf(intent.id).find((e) => e.type === "payment_intent.succeeded")!;
    expect(await applyStripeEvent({ db: h.db, stripe: settings.client }, payloadOf(succeeded))).toBe("CAPTURED");
    expect(await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "CAPTURED", capturedMinor: 2500 });
  });

  it("records a declined card, then lets the buyer pay with another", async () => {
    const intent = await intentFor(1800);
    const payment = await paymentRow(intent.id, 1800);
    await expect(settings.client.paymentIntents.confirm(intent.id, { payment_method: "pm_card_chargeDeclined" })).rejects.toMatchObject({
      code: "card_declined",
    });
    await stripeServer.webhooksSettled();
    const failed = eventsOf(intent.id).find((e) => e.type === "payment_intent.payment_failed")!;
    expect(await applyStripeEvent({ db: h.db, stripe: settings.client }, payloadOf(failed))).toBe("FAILED");
    expect(await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "FAILED", failureCode: "generic_decline" });

    await settings.client.paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" });
    await stripeServer.webhooksSettled();
    const authorised = eventsOf(intent.id).find((e) => e.type === "payment_intent.amount_capturable_updated")!;
    expect(await applyStripeEvent({ db: h.db, stripe: settings.client }, payloadOf(authorised))).toBe("AUTHORIZED");
    expect(await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "AUTHORIZED", failureCode: null });
  });
});
