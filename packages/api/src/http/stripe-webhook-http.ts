import { restError } from "../rest/errors.ts";
import type { QueueClient } from "../jobs/queue-client.ts";
import { getLogger } from "../observability/logger.ts";
import { receiveStripeWebhook } from "../services/payments/receive-stripe-webhook.ts";
import type { StripeSettings } from "../services/payments/stripe-client.ts";

export const STRIPE_WEBHOOK_PATH = "/api/webhooks/stripe";

const json = (status: number, body: unknown) => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  body: JSON.stringify(body),
});

/**
 * POST /api/webhooks/stripe for both transports (the web app's route handler and the standalone
 * API server): the raw body as received (the signature covers its exact bytes), 2xx once the
 * event is queued, `{ error: { code, message } }` otherwise. `readBody` reads with the webhook cap
 * (BODY_LIMITS.webhook): a larger body is 413 PAYLOAD_TOO_LARGE.
 */
export async function handleStripeWebhook(
  deps: { stripe: StripeSettings; queues: QueueClient },
  method: string,
  readBody: () => Promise<string>,
  signature: string | null,
) {
  if (method !== "POST") return json(405, { error: { code: "METHOD_NOT_ALLOWED", message: "Webhooks are POSTed." } });
  try {
    const rawBody = await readBody();
    return json(
      200,
      await receiveStripeWebhook({ stripe: deps.stripe.client, webhookSecret: deps.stripe.webhookSecret, queues: deps.queues }, rawBody, signature),
    );
  } catch (error) {
    const { status, body } = restError(error);
    if (body.error.code === "INTERNAL") getLogger().error({ err: error }, "Stripe webhook failed");
    return json(status, body);
  }
}
