import type Stripe from "stripe";
import { AppError } from "../../errors.ts";
import type { QueueClient } from "../../jobs/queue-client.ts";
import { paymentStripeEvent, stripeEventJobId } from "../../jobs/definitions.ts";

/** Stripe's default tolerance for the signature timestamp, in seconds. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export interface TWebhookDeps {
  stripe: Stripe;
  webhookSecret: string;
  queues: QueueClient;
  /** Clock in ms (tests). */
  now?: () => number;
}

/**
 * POST /api/webhooks/stripe: verifies the Stripe-Signature over the raw body with the SDK
 * (HMAC-SHA256; a timestamp more than 300 s old or ahead is refused), then queues the event for the payment worker under a
 * job id derived from the event id and answers at once. Duplicate deliveries queue nothing new
 * while the job exists; the worker dedupes by event id as well. A forged, altered, stale or
 * future-dated request is WEBHOOK_SIGNATURE_INVALID (400) and writes nothing.
 */
export async function receiveStripeWebhook(deps: TWebhookDeps, rawBody: string, signature: string | null): Promise<{ received: true; eventId: string }> {
  if (!signature) throw new AppError("WEBHOOK_SIGNATURE_INVALID", "Missing Stripe-Signature header.");
  // The SDK refuses timestamps older than the tolerance; a timestamp from the future is refused
  // here (a replay cannot be pre-dated to outlive the tolerance).
  const timestamp = Number(/(?:^|,)t=(\d+)/.exec(signature)?.[1]);
  const nowSeconds = Math.floor((deps.now?.() ?? Date.now()) / 1000);
  if (!Number.isFinite(timestamp) || Math.abs(nowSeconds - timestamp) > WEBHOOK_TOLERANCE_SECONDS) {
    throw new AppError("WEBHOOK_SIGNATURE_INVALID", "Webhook signature timestamp outside the tolerance.");
  }
  let event: Stripe.Event;
  try {
    event = deps.stripe.webhooks.constructEvent(rawBody, signature, deps.webhookSecret, WEBHOOK_TOLERANCE_SECONDS);
  } catch (error) {
    throw new AppError("WEBHOOK_SIGNATURE_INVALID", `Webhook signature check failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const object = event.data.object as { id?: unknown };
  await deps.queues.add(
    paymentStripeEvent,
    { eventId: event.id, type: event.type, objectId: typeof object.id === "string" ? object.id : null },
    { jobId: stripeEventJobId(event.id) },
  );
  return { received: true, eventId: event.id };
}
