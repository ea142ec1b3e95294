import { createNextStripeWebhookHandler } from "@marquee/api/http/server-clients";

// Stripe (or the local Stripe test server) posts signed events here; the raw body is verified and
// the event queued for the payment worker (packages/api/src/services/payments/README.md).
export const POST = createNextStripeWebhookHandler();
