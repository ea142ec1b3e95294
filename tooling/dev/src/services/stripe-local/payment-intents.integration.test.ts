import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StripeTestServer } from "./server.ts";
import { rejectionOf, startWithClient, stripeClient } from "./testing.ts";

let server: StripeTestServer;
let stripe: Stripe;

beforeAll(async () => ({ server, stripe } = await startWithClient()));
afterAll(() => server.stop());

const orderId = () => `ord_${randomUUID()}`;

describe("PaymentIntents through the official SDK", () => {
  it("creates, confirms with pm_card_visa and captures a manual-capture intent", async () => {
    const order = orderId();
    const created = await stripe.paymentIntents.create({ amount: 4500, currency: "EUR", capture_method: "manual", metadata: { orderId: order } });
    expect(created).toMatchObject({
      object: "payment_intent",
      amount: 4500,
      currency: "eur",
      status: "requires_payment_method",
      capture_method: "manual",
      metadata: { orderId: order },
      livemode: false,
      latest_charge: null,
      amount_capturable: 0,
      amount_received: 0,
      next_action: null,
      last_payment_error: null,
    });
    expect(created.id).toMatch(/^pi_\w{20,}$/);
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_\\w+$`));
    expect(Math.abs(created.created - Date.now() / 1000)).toBeLessThan(5);

    const confirmed = await stripe.paymentIntents.confirm(created.id, { payment_method: "pm_card_visa" });
    expect(confirmed).toMatchObject({ status: "requires_capture", amount_capturable: 4500, amount_received: 0, payment_method: "pm_card_visa" });
    expect(confirmed.latest_charge).toMatch(/^ch_/);

    const captured = await stripe.paymentIntents.capture(created.id, {}, { idempotencyKey: `capture-${order}` });
    expect(captured).toMatchObject({ status: "succeeded", amount_capturable: 0, amount_received: 4500 });
    const retrieved = await stripe.paymentIntents.retrieve(created.id, { expand: ["latest_charge"] });
    expect(retrieved.latest_charge).toMatchObject({
      object: "charge",
      id: confirmed.latest_charge,
      captured: true,
      amount_captured: 4500,
      status: "succeeded",
      payment_intent: created.id,
    });
  });

  it("captures part of an authorisation with amount_to_capture, and refuses more than is capturable", async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 3000,
      currency: "eur",
      capture_method: "manual",
      payment_method: "pm_card_visa",
      confirm: true,
    });
    expect(intent.status).toBe("requires_capture");
    const tooMuch = await rejectionOf(stripe.paymentIntents.capture(intent.id, { amount_to_capture: 3001 }));
    expect(tooMuch).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400, param: "amount_to_capture" });
    const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 1000 });
    expect(captured).toMatchObject({ status: "succeeded", amount_received: 1000, amount_capturable: 0 });
    const again = await rejectionOf(stripe.paymentIntents.capture(intent.id));
    expect(again).toMatchObject({ code: "payment_intent_unexpected_state", statusCode: 400 });
  });

  it("charges at once with automatic capture", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1500, currency: "usd", capture_method: "automatic", payment_method: "pm_card_mastercard" });
    expect(intent.status).toBe("requires_confirmation");
    const confirmed = await stripe.paymentIntents.confirm(intent.id);
    expect(confirmed).toMatchObject({ status: "succeeded", amount_received: 1500, amount_capturable: 0 });
    const charge = await stripe.charges.retrieve(confirmed.latest_charge as string);
    expect(charge).toMatchObject({ captured: true, paid: true, amount_captured: 1500, payment_method_details: { card: { last4: "4444" } } });
  });

  it("declines pm_card_chargeDeclined with Stripe's 402 card_error and sets last_payment_error", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 2000, currency: "eur", capture_method: "manual" });
    const error = await rejectionOf(stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_card_chargeDeclined" }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({
      statusCode: 402,
      type: "StripeCardError",
      rawType: "card_error",
      code: "card_declined",
      decline_code: "generic_decline",
      message: "Your card was declined.",
    });
    expect(error.payment_intent).toMatchObject({ id: intent.id, status: "requires_payment_method" });
    expect(error.requestId).toMatch(/^req_/);

    const after = await stripe.paymentIntents.retrieve(intent.id);
    expect(after).toMatchObject({ status: "requires_payment_method", payment_method: null, amount_capturable: 0 });
    expect(after.last_payment_error).toMatchObject({
      type: "card_error",
      code: "card_declined",
      decline_code: "generic_decline",
      payment_method: { id: "pm_card_chargeDeclined" },
    });
    expect(after.last_payment_error?.charge).toBe(after.latest_charge);
    const charge = await stripe.charges.retrieve(after.latest_charge as string);
    expect(charge).toMatchObject({ status: "failed", paid: false, failure_code: "card_declined" });

    // A new card after the decline succeeds and clears the error.
    const retried = await stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" });
    expect(retried).toMatchObject({ status: "requires_capture", last_payment_error: null });
  });

  it("asks for authentication with pm_card_authenticationRequired, then completes it with test_authenticate", async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 2500,
      currency: "eur",
      capture_method: "manual",
      payment_method: "pm_card_authenticationRequired",
      confirm: true,
    });
    expect(intent.status).toBe("requires_action");
    expect(intent.next_action).toMatchObject({ type: "use_stripe_sdk", use_stripe_sdk: { type: "three_d_secure_redirect" } });
    const afterAuth = await stripe.rawRequest("POST", `/v1/payment_intents/${intent.id}/test_authenticate`, { outcome: "succeed" });
    expect(afterAuth).toMatchObject({ id: intent.id, status: "requires_capture", amount_capturable: 2500, next_action: null });
    expect((await stripe.paymentIntents.capture(intent.id)).status).toBe("succeeded");
  });

  it("fails the authentication with outcome=fail, as Stripe's payment_intent_authentication_failure", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 2500, currency: "eur", payment_method: "pm_card_authenticationRequired", confirm: true });
    const failed = server.authenticate(intent.id, "fail");
    expect(failed).toMatchObject({
      status: "requires_payment_method",
      next_action: null,
      last_payment_error: { code: "payment_intent_authentication_failure" },
    });
    const wrongState = await rejectionOf(stripe.rawRequest("POST", `/v1/payment_intents/${intent.id}/test_authenticate`, { outcome: "succeed" }));
    expect(wrongState).toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
  });

  it("lets Stripe.js-style calls use a publishable key with the client_secret", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 2500, currency: "eur", capture_method: "manual" });
    const browser = stripeClient(server, {}, "pk_test_marquee_local");
    const confirmed = await browser.rawRequest("POST", `/v1/payment_intents/${intent.id}/confirm`, {
      payment_method: "pm_card_visa",
      client_secret: intent.client_secret,
    });
    expect(confirmed).toMatchObject({ status: "requires_capture" });
    expect(await rejectionOf(browser.rawRequest("POST", `/v1/payment_intents/${intent.id}/confirm`, { client_secret: "pi_wrong_secret_x" }))).toMatchObject({
      statusCode: 404,
    });
    expect(await rejectionOf(browser.paymentIntents.capture(intent.id))).toMatchObject({ statusCode: 401 });
  });

  it("cancels an authorisation and refuses to cancel a succeeded intent", async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 2000,
      currency: "eur",
      capture_method: "manual",
      payment_method: "pm_card_visa",
      confirm: true,
    });
    const canceled = await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: "abandoned" });
    expect(canceled).toMatchObject({ status: "canceled", cancellation_reason: "abandoned", amount_capturable: 0 });
    expect(canceled.canceled_at).toBeGreaterThan(0);
    expect(await rejectionOf(stripe.paymentIntents.capture(intent.id))).toMatchObject({ code: "payment_intent_unexpected_state" });
    expect(await rejectionOf(stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" }))).toMatchObject({
      code: "payment_intent_unexpected_state",
    });

    const paid = await stripe.paymentIntents.create({ amount: 2000, currency: "eur", payment_method: "pm_card_visa", confirm: true });
    const error = await rejectionOf(stripe.paymentIntents.cancel(paid.id));
    expect(error).toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
    expect(error.message).toContain("status of succeeded");
  });

  it("answers bad input and unknown objects like Stripe", async () => {
    expect(await rejectionOf(stripe.paymentIntents.create({ currency: "eur" } as Stripe.PaymentIntentCreateParams))).toMatchObject({
      statusCode: 400,
      code: "parameter_missing",
      param: "amount",
    });
    expect(await rejectionOf(stripe.paymentIntents.create({ amount: 2000, currency: "eur", colour: "red" } as Stripe.PaymentIntentCreateParams))).toMatchObject(
      { code: "parameter_unknown", param: "colour" },
    );
    expect(await rejectionOf(stripe.paymentIntents.create({ amount: 2000, currency: "eur", payment_method: "pm_card_nope" }))).toMatchObject({
      code: "resource_missing",
      param: "payment_method",
    });
    expect(await rejectionOf(stripe.paymentIntents.retrieve("pi_missing"))).toMatchObject({
      statusCode: 404,
      code: "resource_missing",
      type: "StripeInvalidRequestError",
    });
    expect(await rejectionOf(stripe.paymentIntents.confirm((await stripe.paymentIntents.create({ amount: 2000, currency: "eur" })).id))).toMatchObject({
      code: "payment_intent_unexpected_state",
    });
  });

  it("takes any sk_test_ key (Bearer or basic) and refuses others with 401", async () => {
    expect(await rejectionOf(stripeClient(server, {}, "sk_live_not_here_1234").paymentIntents.retrieve("pi_x"))).toMatchObject({
      statusCode: 401,
      type: "StripeAuthenticationError",
    });
    const basic = await fetch(`${server.url}/v1/payment_intents`, {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from("sk_test_other:").toString("base64")}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "amount=2000&currency=eur&metadata[orderId]=x",
    });
    expect(basic.status).toBe(200);
    expect(await basic.json()).toMatchObject({ metadata: { orderId: "x" } });
    const none = await fetch(`${server.url}/v1/payment_intents/pi_x`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { type: "invalid_request_error", message: expect.stringContaining("did not provide an API key") } });
  });
});
