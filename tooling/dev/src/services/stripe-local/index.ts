// The local Stripe-compatible test server (see README.md).
export { startStripeTestServer, DEV_WEBHOOK_SECRET, STRIPE_API_VERSION, type DropRule, type StripeTestServer, type StripeTestServerOptions } from "./server.ts";
export { stripeClientOptions, type StripeClientHostOptions } from "@marquee/config/stripe";
export { signatureHeader, type WebhookDelivery, type WebhookRetryOptions } from "./webhooks.ts";
export { TEST_CARDS } from "./test-cards.ts";
export type { Charge, PaymentIntent, Refund, StripeEvent } from "./objects.ts";
export { findOrStartStripeLocal, type StripeLocalOptions } from "./find-or-start.ts";
