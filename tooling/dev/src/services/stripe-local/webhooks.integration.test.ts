import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findFreePort } from "../net.ts";
import type { StripeTestServer } from "./server.ts";
import { startWebhookReceiver, startWithClient, type WebhookReceiver } from "./testing.ts";

const secret = "whsec_webhook_integration_test";
const fastRetry = { initialDelayMs: 20, maxDelayMs: 100, maxAttempts: 4 };
let server: StripeTestServer;
let stripe: Stripe;
let receiver: WebhookReceiver;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  ({ server, stripe } = await startWithClient({ webhook: { url: receiver.url, secret, retry: fastRetry } }));
});
afterEach(async () => {
  await server.stop();
  await receiver.stop();
});

/** Every received body, verified the way Marquee's endpoint will: constructEvent on the raw body. */
const verifiedEvents = () => receiver.received.map((hit) => stripe.webhooks.constructEvent(hit.rawBody, hit.headers["stripe-signature"] as string, secret));

describe("webhooks", () => {
  it("delivers Stripe-shaped events whose signature the official SDK verifies", async () => {
    const intent = await stripe.paymentIntents.create(
      { amount: 2000, currency: "eur", capture_method: "manual", metadata: { orderId: "ord_hook" } },
      { idempotencyKey: "hook-create" },
    );
    await stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" });
    await stripe.paymentIntents.capture(intent.id);
    await server.webhooksSettled();

    const events = verifiedEvents();
    expect(events.map((event) => event.type).sort()).toEqual(
      ["charge.captured", "charge.succeeded", "payment_intent.amount_capturable_updated", "payment_intent.created", "payment_intent.succeeded"].sort(),
    );
    const created = events.find((event) => event.type === "payment_intent.created")!;
    expect(created).toMatchObject({
      object: "event",
      livemode: false,
      pending_webhooks: 1,
      api_version: expect.stringMatching(/^\d{4}-\d{2}-\d{2}/),
      request: { idempotency_key: "hook-create" },
      data: { object: { id: intent.id, object: "payment_intent", status: "requires_payment_method", metadata: { orderId: "ord_hook" } } },
    });
    expect(created.id).toMatch(/^evt_/);
    expect(created.request?.id).toMatch(/^req_/);
    const capturable = events.find((event) => event.type === "payment_intent.amount_capturable_updated")!;
    expect(capturable.data.object).toMatchObject({ status: "requires_capture", amount_capturable: 2000 });
    expect(receiver.received[0]!.headers["content-type"]).toContain("application/json");
    // A body altered in transit fails verification.
    const hit = receiver.received[0]!;
    expect(() => stripe.webhooks.constructEvent(hit.rawBody.replace(intent.id, "pi_forged"), hit.headers["stripe-signature"] as string, secret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it("sends the failure, action, cancel and refund events", async () => {
    const declined = await stripe.paymentIntents.create({ amount: 2000, currency: "eur" });
    await stripe.paymentIntents.confirm(declined.id, { payment_method: "pm_card_chargeDeclined" }).catch(() => {});
    const action = await stripe.paymentIntents.create({ amount: 2000, currency: "eur", payment_method: "pm_card_authenticationRequired", confirm: true });
    await stripe.paymentIntents.cancel(action.id);
    const paid = await stripe.paymentIntents.create({ amount: 3000, currency: "eur", payment_method: "pm_card_visa", confirm: true });
    await stripe.refunds.create({ payment_intent: paid.id, amount: 1000 });
    await server.webhooksSettled();

    const byType = (type: string) => verifiedEvents().filter((event) => event.type === type);
    expect(byType("payment_intent.payment_failed")[0]!.data.object).toMatchObject({
      id: declined.id,
      last_payment_error: { code: "card_declined", decline_code: "generic_decline" },
    });
    expect(byType("payment_intent.requires_action")[0]!.data.object).toMatchObject({ id: action.id, next_action: { type: "use_stripe_sdk" } });
    expect(byType("payment_intent.canceled")[0]!.data.object).toMatchObject({ id: action.id, status: "canceled" });
    expect(byType("payment_intent.succeeded")[0]!.data.object).toMatchObject({ id: paid.id });
    expect(byType("refund.created")[0]!.data.object).toMatchObject({ object: "refund", amount: 1000, payment_intent: paid.id });
    const refunded = byType("charge.refunded")[0]!;
    expect(refunded.data.object).toMatchObject({ object: "charge", amount_refunded: 1000, refunded: false, payment_intent: paid.id });
    expect(refunded.data.previous_attributes).toEqual({ amount_refunded: 0, refunded: false });
  });

  it("retries a delivery answered with 500, with backoff, until it is accepted", async () => {
    let failures = 0;
    receiver.respond = (_index, body) => (body.includes('"payment_intent.created"') && failures++ < 2 ? 500 : 200);
    const intent = await stripe.paymentIntents.create({ amount: 2000, currency: "eur" });
    await server.webhooksSettled();

    const [event] = server.events({ type: "payment_intent.created" });
    const attempts = server.deliveries({ eventId: event!.id });
    expect(attempts.map((delivery) => [delivery.attempt, delivery.status, delivery.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    expect(attempts[2]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(fastRetry.initialDelayMs * 0.75 * 3 - 5);
    expect(
      verifiedEvents().filter((received) => (received.data.object as { id?: string }).id === intent.id && received.type === "payment_intent.created"),
    ).toHaveLength(3);
  });

  it("retries connection errors and gives up after maxAttempts", async () => {
    server.setWebhookEndpoint(`http://127.0.0.1:${await findFreePort()}/nobody-listens`);
    await stripe.paymentIntents.create({ amount: 2000, currency: "eur" });
    await server.webhooksSettled();
    const attempts = server.deliveries({ type: "payment_intent.created" });
    expect(attempts.map((delivery) => delivery.attempt)).toEqual([1, 2, 3, 4]);
    expect(attempts.every((delivery) => delivery.status === null && delivery.error !== null && !delivery.ok)).toBe(true);
  });

  it("redelivers an event N times and delivers held events shuffled, several times each", async () => {
    server.holdDeliveries();
    for (let n = 0; n < 3; n++) {
      const intent = await stripe.paymentIntents.create({
        amount: 2000 + n,
        currency: "eur",
        capture_method: "manual",
        payment_method: "pm_card_visa",
        confirm: true,
      });
      await stripe.paymentIntents.capture(intent.id);
    }
    await server.webhooksSettled();
    expect(receiver.received).toHaveLength(0);
    const created = server.events().map((event) => event.id);
    expect(created).toHaveLength(15); // 5 per intent: created, charge.succeeded, amount_capturable_updated, charge.captured, succeeded

    await server.releaseDeliveries({ shuffle: true, times: 3 });
    const order = verifiedEvents().map((event) => event.id);
    expect(order).toHaveLength(45);
    for (const id of created) expect(order.filter((received) => received === id)).toHaveLength(3);
    // 45 deliveries in creation order by chance: about 1 in 10^45.
    expect(order).not.toEqual(created.flatMap((id) => [id, id, id]));

    const target = created[5]!;
    const redelivered = await server.redeliver(target, 4);
    expect(redelivered).toHaveLength(4);
    expect(redelivered.every((delivery) => delivery.redelivery && delivery.ok)).toBe(true);
    expect(verifiedEvents().filter((event) => event.id === target)).toHaveLength(3 + 4);

    const shuffledAgain = await server.deliverShuffled(created.slice(0, 6), { times: 2 });
    expect(shuffledAgain).toHaveLength(12);
    expect(receiver.received).toHaveLength(45 + 4 + 12);
  });

  it("delivers to every configured endpoint", async () => {
    const second = await startWebhookReceiver();
    try {
      server.setWebhookEndpoint([receiver.url, second.url]);
      await stripe.paymentIntents.create({ amount: 2000, currency: "eur" });
      await server.webhooksSettled();
      expect(receiver.received).toHaveLength(1);
      expect(second.received).toHaveLength(1);
      expect(JSON.parse(second.received[0]!.rawBody)).toMatchObject({ pending_webhooks: 2 });
    } finally {
      await second.stop();
    }
  });
});
