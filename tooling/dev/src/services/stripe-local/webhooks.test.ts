import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { signatureHeader } from "./webhooks.ts";

const stripe = new Stripe("sk_test_unit", { telemetry: false });
const secret = "whsec_unit_test_secret";
const payload = JSON.stringify({ id: "evt_1", object: "event", type: "payment_intent.succeeded", data: { object: { id: "pi_1" } } }, null, 2);
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("signatureHeader", () => {
  it("is accepted by the official SDK's constructEvent", () => {
    const event = stripe.webhooks.constructEvent(payload, signatureHeader(payload, secret, nowSeconds()), secret);
    expect(event.id).toBe("evt_1");
  });

  it("matches the SDK's own test header", () => {
    const timestamp = nowSeconds();
    expect(signatureHeader(payload, secret, timestamp)).toBe(stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }));
  });

  it("is rejected for another secret, an altered body, or a timestamp outside 300 s", () => {
    const header = signatureHeader(payload, secret, nowSeconds());
    expect(() => stripe.webhooks.constructEvent(payload, header, "whsec_other")).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() => stripe.webhooks.constructEvent(payload.replace("pi_1", "pi_2"), header, secret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() => stripe.webhooks.constructEvent(payload, signatureHeader(payload, secret, nowSeconds() - 301), secret)).toThrow(/tolerance/);
  });
});
