import type { RedisClient } from "../lib/redis-client.ts";
import { activeSpanLinks, extractTraceContext, injectTraceContext, inSpan, isTracing } from "./tracing.ts";

// A purchase crosses Stripe: the buyer confirms the PaymentIntent there, and Stripe's webhook is a
// request of its own, in a trace of its own. Checkout keeps its trace context in Redis under the
// intent's id (before it stores the id on the payment); the payment worker applies the intent's
// events in a span of that trace (linked to the webhook's), so the saga that follows (outbox, jobs,
// gRPC) joins the purchase's one trace. Not in the intent's metadata: a retried create with the
// same idempotency key must send the same parameters, and each request has its own trace.

/** How long the checkout's trace context waits for the intent's events (a buyer's session, generously). */
const KEEP_SECONDS = 24 * 60 * 60;

const traceKey = (prefix: string, paymentIntentId: string) => `${prefix}:trace:payment-intent:${paymentIntentId}`;

/** Keeps the current trace context for the intent's events; nothing unless this request is traced. */
export async function rememberPurchaseTrace(redis: RedisClient, prefix: string, paymentIntentId: string): Promise<void> {
  const carrier = isTracing() ? injectTraceContext() : undefined;
  if (carrier) await redis.set(traceKey(prefix, paymentIntentId), JSON.stringify(carrier), "EX", KEEP_SECONDS);
}

/**
 * Runs `fn` in a span `name` of the trace checkout kept for the intent (linked to the current span),
 * or as it is when not tracing or none was kept (another kind of object, an intent made elsewhere).
 */
export async function continuePurchaseTrace<T>(
  redis: RedisClient,
  prefix: string,
  paymentIntentId: string | null,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  if (!paymentIntentId || !isTracing()) return fn();
  const stored = await redis.get(traceKey(prefix, paymentIntentId));
  if (!stored) return fn();
  let carrier: unknown;
  try {
    carrier = JSON.parse(stored);
  } catch {
    return fn();
  }
  return inSpan(name, { parent: extractTraceContext(carrier), links: activeSpanLinks(), attributes: { "marquee.payment_intent": paymentIntentId } }, fn);
}
