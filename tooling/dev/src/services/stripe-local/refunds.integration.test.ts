import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StripeTestServer } from "./server.ts";
import { rejectionOf, startWithClient } from "./testing.ts";

let server: StripeTestServer;
let stripe: Stripe;

beforeAll(async () => ({ server, stripe } = await startWithClient()));
afterAll(() => server.stop());

const paidIntent = async (amount: number) => {
  const intent = await stripe.paymentIntents.create({ amount, currency: "eur", capture_method: "manual", payment_method: "pm_card_visa", confirm: true });
  return stripe.paymentIntents.capture(intent.id);
};

describe("Refunds through the official SDK", () => {
  it("refunds a captured payment in full", async () => {
    const intent = await paidIntent(5000);
    const refund = await stripe.refunds.create({ payment_intent: intent.id, reason: "requested_by_customer", metadata: { orderId: "ord_full" } });
    expect(refund).toMatchObject({
      object: "refund",
      amount: 5000,
      currency: "eur",
      status: "succeeded",
      payment_intent: intent.id,
      charge: intent.latest_charge,
      reason: "requested_by_customer",
      metadata: { orderId: "ord_full" },
    });
    expect(refund.id).toMatch(/^re_/);
    expect(await stripe.refunds.retrieve(refund.id)).toMatchObject({ id: refund.id, amount: 5000 });
    expect(await stripe.charges.retrieve(intent.latest_charge as string)).toMatchObject({ refunded: true, amount_refunded: 5000 });
    const again = await rejectionOf(stripe.refunds.create({ payment_intent: intent.id }));
    expect(again).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", code: "charge_already_refunded" });
  });

  it("allows several partial refunds up to the captured amount, and refuses more", async () => {
    const intent = await paidIntent(6000);
    await stripe.refunds.create({ payment_intent: intent.id, amount: 2500 });
    await stripe.refunds.create({ payment_intent: intent.id, amount: 2500 });
    const over = await rejectionOf(stripe.refunds.create({ payment_intent: intent.id, amount: 1001 }));
    expect(over).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", rawType: "invalid_request_error", param: "amount" });
    expect(over.message).toContain("greater than unrefunded amount");
    expect(await stripe.charges.retrieve(intent.latest_charge as string)).toMatchObject({ refunded: false, amount_refunded: 5000 });
    const rest = await stripe.refunds.create({ payment_intent: intent.id });
    expect(rest.amount).toBe(1000);
    expect(await stripe.charges.retrieve(intent.latest_charge as string)).toMatchObject({ refunded: true, amount_refunded: 6000 });
    expect(
      server
        .refunds()
        .filter((refund) => refund.payment_intent === intent.id)
        .map((refund) => refund.amount),
    ).toEqual([2500, 2500, 1000]);
  });

  it("refunds only what a partial capture took", async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 4000,
      currency: "eur",
      capture_method: "manual",
      payment_method: "pm_card_visa",
      confirm: true,
    });
    await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 1500 });
    expect(await rejectionOf(stripe.refunds.create({ payment_intent: intent.id, amount: 1501 }))).toMatchObject({ statusCode: 400 });
    expect((await stripe.refunds.create({ payment_intent: intent.id })).amount).toBe(1500);
  });

  it("refuses to refund an uncaptured or unknown payment", async () => {
    const authorised = await stripe.paymentIntents.create({
      amount: 2000,
      currency: "eur",
      capture_method: "manual",
      payment_method: "pm_card_visa",
      confirm: true,
    });
    expect(await rejectionOf(stripe.refunds.create({ payment_intent: authorised.id }))).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError" });
    expect(await rejectionOf(stripe.refunds.create({ payment_intent: "pi_unknown" }))).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect(await rejectionOf(stripe.refunds.retrieve("re_unknown"))).toMatchObject({ statusCode: 404 });
  });
});
