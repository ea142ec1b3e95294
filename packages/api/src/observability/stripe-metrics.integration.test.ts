// Stripe calls counted where every Stripe client is made (createStripeSettings), against the local
// Stripe-compatible server, a port nobody listens on and a server that never answers.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { findFreePort } from "@marquee/dev/services/net";
import { startStripeTestServer, type StripeTestServer } from "@marquee/dev/services/stripe-local/index";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readStripeEnv } from "../env.ts";
import { createStripeSettings } from "../services/payments/stripe-client.ts";
import { sampleValue } from "./prometheus-text.ts";
import { registerStripeMetrics } from "./stripe-metrics.ts";

let stripeServer: StripeTestServer;
let silent: Server;
const registry = new Registry();
registerStripeMetrics(registry);

beforeAll(async () => {
  stripeServer = await startStripeTestServer({});
  // Accepts connections and never answers: the SDK's timeout.
  silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  silent.closeAllConnections();
  silent.close();
  await stripeServer.stop();
});

const stripeAt = (url: string, timeout?: number) =>
  createStripeSettings(readStripeEnv({ NODE_ENV: "test", STRIPE_API_URL: url }), { maxNetworkRetries: 0, ...(timeout ? { timeout } : {}) }).client;
const count = async (operation: string, outcome: string) => sampleValue(await registry.metrics(), "marquee_stripe_requests_total", { operation, outcome }) ?? 0;

describe("Stripe metrics", () => {
  it("count each call by operation (ids as :id) and outcome: ok and Stripe's error families", async () => {
    const stripe = stripeAt(stripeServer.url);
    const before = { created: await count("POST /v1/payment_intents", "ok"), missing: await count("GET /v1/payment_intents/:id", "not_found") };
    const intent = await stripe.paymentIntents.create({ amount: 1_000, currency: "eur" });
    await expect(stripe.paymentIntents.retrieve("pi_3NoSuchIntent000")).rejects.toMatchObject({ statusCode: 404 });
    expect(intent.id).toMatch(/^pi_/);

    expect(await count("POST /v1/payment_intents", "ok")).toBe(before.created + 1);
    expect(await count("GET /v1/payment_intents/:id", "not_found")).toBe(before.missing + 1);
    expect(
      sampleValue(await registry.metrics(), "marquee_stripe_request_duration_seconds_count", { operation: "POST /v1/payment_intents" }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("count calls that got no answer: a refused connection and a timeout", async () => {
    const closedPort = await findFreePort();
    await expect(stripeAt(`http://127.0.0.1:${closedPort}`).paymentIntents.create({ amount: 500, currency: "eur" })).rejects.toMatchObject({
      type: "StripeConnectionError",
    });
    expect(await count("POST /v1/payment_intents", "connection_error")).toBe(1);

    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    await expect(stripeAt(silentUrl, 200).paymentIntents.retrieve("pi_3Whatever0000")).rejects.toMatchObject({ type: "StripeConnectionError" });
    expect(await count("GET /v1/payment_intents/:id", "timeout")).toBe(1);
  });
});
