import Stripe from "stripe";
import { stripeClientOptions } from "@marquee/config/stripe";
import type { StripeEnv } from "../../env.ts";
import { observedStripeHttpClient } from "../../observability/stripe-metrics.ts";

/** The key the local Stripe-compatible test server accepts (any sk_test_ key does). */
export const LOCAL_STRIPE_KEY = "sk_test_marquee_local";

export interface StripeSettings {
  client: Stripe;
  webhookSecret: string;
  /** True when talking to the local test server rather than Stripe. */
  local: boolean;
}

/**
 * The official SDK, pointed at Stripe when STRIPE_SECRET_KEY is set and at the local test server
 * (STRIPE_API_URL) otherwise. Network retries use the SDK's own idempotency keys; every Marquee
 * write also passes an explicit Idempotency-Key derived from the order and step. Every HTTP attempt
 * is counted in marquee_stripe_requests_total (observability/stripe-metrics.ts).
 */
export function createStripeSettings(env: StripeEnv, overrides: Stripe.StripeConfig = {}): StripeSettings {
  const local = env.STRIPE_SECRET_KEY === "";
  const client = new Stripe(local ? LOCAL_STRIPE_KEY : env.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    timeout: 15_000,
    telemetry: false,
    appInfo: { name: "Marquee" },
    httpClient: observedStripeHttpClient(Stripe.createNodeHttpClient()),
    ...(local ? stripeClientOptions(env.STRIPE_API_URL) : {}),
    ...overrides,
  });
  return { client, webhookSecret: env.STRIPE_WEBHOOK_SECRET, local };
}
