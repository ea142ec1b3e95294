import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStripeTestServer, type StripeTestServer } from "./server.ts";
import { rejectionOf, startWithClient, stripeClient } from "./testing.ts";

let server: StripeTestServer;
let stripe: Stripe;

beforeAll(async () => ({ server, stripe } = await startWithClient()));
afterAll(() => server.stop());

const intentsFor = (orderId: string) => server.paymentIntents().filter((intent) => intent.metadata.orderId === orderId);
const newOrder = () => `ord_${randomUUID()}`;

describe("Idempotency-Key, as Stripe", () => {
  it("replays the first response with Idempotent-Replayed: true", async () => {
    const orderId = newOrder();
    const key = `create-${orderId}`;
    const params = { amount: 2000, currency: "eur", capture_method: "manual" as const, metadata: { orderId } };
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: key });
    expect(first.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    const second = await stripe.paymentIntents.create(params, { idempotencyKey: key });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(second.lastResponse.headers["original-request"]).toBe(first.lastResponse.requestId);
    expect(intentsFor(orderId)).toHaveLength(1);
  });

  it("replays errors too: a declined confirm is answered again without a second attempt", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 2000, currency: "eur" });
    const key = `confirm-${intent.id}`;
    const first = await rejectionOf(stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_card_chargeDeclined" }, { idempotencyKey: key }));
    const chargesAfterFirst = server.charges().filter((charge) => charge.payment_intent === intent.id).length;
    const replay = await rejectionOf(stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_card_chargeDeclined" }, { idempotencyKey: key }));
    expect(replay).toMatchObject({ statusCode: 402, code: "card_declined", decline_code: first.decline_code });
    expect(replay.headers?.["idempotent-replayed"]).toBe("true");
    expect(server.charges().filter((charge) => charge.payment_intent === intent.id)).toHaveLength(chargesAfterFirst);
  });

  it("does not save a failed parameter check, so the corrected request can use the key", async () => {
    const orderId = newOrder();
    const key = `create-${orderId}`;
    const invalid = await rejectionOf(
      stripe.paymentIntents.create({ currency: "eur", metadata: { orderId } } as unknown as Stripe.PaymentIntentCreateParams, { idempotencyKey: key }),
    );
    expect(invalid.code).toBe("parameter_missing");
    const valid = await stripe.paymentIntents.create({ amount: 2000, currency: "eur", metadata: { orderId } }, { idempotencyKey: key });
    expect(valid.status).toBe("requires_payment_method");
  });

  it("answers 400 idempotency_error for the same key with other parameters", async () => {
    const orderId = newOrder();
    const key = `create-${orderId}`;
    await stripe.paymentIntents.create({ amount: 2000, currency: "eur", metadata: { orderId } }, { idempotencyKey: key });
    const error = await rejectionOf(stripe.paymentIntents.create({ amount: 2001, currency: "eur", metadata: { orderId } }, { idempotencyKey: key }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, rawType: "idempotency_error" });
    expect(error.message).toContain(key);
    const otherEndpoint = await rejectionOf(stripe.refunds.create({ payment_intent: "pi_x" }, { idempotencyKey: key }));
    expect(otherEndpoint.rawType).toBe("idempotency_error");
    expect(intentsFor(orderId)).toHaveLength(1);
  });

  it("creates one intent for 20 concurrent requests with the same key", async () => {
    const orderId = newOrder();
    const key = `create-${orderId}`;
    // Each call takes 20 ms, so the 20 requests overlap instead of running one after another by chance.
    const slow = await startStripeTestServer({ latencyMs: 20 });
    try {
      const clients = Array.from({ length: 20 }, () => stripeClient(slow));
      const results = await Promise.all(
        clients.map((client) => client.paymentIntents.create({ amount: 2000, currency: "eur", metadata: { orderId } }, { idempotencyKey: key })),
      );
      expect(new Set(results.map((intent) => intent.id)).size).toBe(1);
      expect(results.filter((intent) => intent.lastResponse.headers["idempotent-replayed"] === "true")).toHaveLength(19);
      expect(slow.paymentIntents()).toHaveLength(1);
      expect(slow.events({ type: "payment_intent.created" })).toHaveLength(1);
    } finally {
      await slow.stop();
    }
  });

  it("survives a dropped response: the SDK retries with its automatic key and one intent exists", async () => {
    const orderId = newOrder();
    const retrying = stripeClient(server, { maxNetworkRetries: 2 });
    server.dropResponses(1, { method: "POST", path: "/v1/payment_intents" });
    const intent = await retrying.paymentIntents.create({ amount: 2000, currency: "eur", metadata: { orderId } });
    expect(intent.lastResponse.idempotencyKey).toMatch(/^stripe-node-retry-/);
    expect(intent.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(intentsFor(orderId)).toHaveLength(1);
  });

  it("without a key, a dropped response retried creates a duplicate (why the key matters)", async () => {
    const orderId = newOrder();
    server.dropResponses(1, { method: "POST", path: "/v1/payment_intents" });
    const body = `amount=2000&currency=eur&metadata[orderId]=${orderId}`;
    const post = () =>
      fetch(`${server.url}/v1/payment_intents`, {
        method: "POST",
        headers: { Authorization: "Bearer sk_test_x", "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });
    await expect(post()).rejects.toThrow();
    expect((await post()).status).toBe(200);
    expect(intentsFor(orderId)).toHaveLength(2);
  });

  it("forgets a key after 24 hours", async () => {
    let now = Date.now();
    const clocked = await startStripeTestServer({ now: () => now });
    try {
      const client = stripeClient(clocked);
      const first = await client.paymentIntents.create({ amount: 2000, currency: "eur" }, { idempotencyKey: "day-old" });
      now += 24 * 3_600_000 - 1_000;
      expect((await client.paymentIntents.create({ amount: 2000, currency: "eur" }, { idempotencyKey: "day-old" })).id).toBe(first.id);
      now += 2_000;
      expect((await client.paymentIntents.create({ amount: 2000, currency: "eur" }, { idempotencyKey: "day-old" })).id).not.toBe(first.id);
    } finally {
      await clocked.stop();
    }
  });
});
