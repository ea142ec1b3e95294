import { Counter, Histogram, type Registry } from "prom-client";
import type Stripe from "stripe";

/**
 * Stripe API calls, counted per HTTP attempt (the SDK's network retries each count) at the SDK's
 * HTTP client, so every call of every service is seen, connection errors and timeouts included.
 * Shared by whatever process talks to Stripe: the API servers and the payment worker register
 * them in their own registry.
 */
function createStripeMetrics() {
  return {
    requests: new Counter({
      name: "marquee_stripe_requests_total",
      help: "Stripe API requests (each attempt) by operation (method and path, ids as :id) and outcome (ok, or the error type).",
      labelNames: ["operation", "outcome"] as const,
      registers: [],
    }),
    requestDuration: new Histogram({
      name: "marquee_stripe_request_duration_seconds",
      help: "Stripe API request duration (each attempt, to the response headers) by operation.",
      labelNames: ["operation"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
      registers: [],
    }),
  };
}

type TStripeMetrics = ReturnType<typeof createStripeMetrics>;

// On globalThis: Next may load this module more than once, and all copies must count together.
const holder = globalThis as { marqueeStripeMetrics?: TStripeMetrics };
export const stripeMetrics = (): TStripeMetrics => (holder.marqueeStripeMetrics ??= createStripeMetrics());

/** Adds the Stripe metrics to a process's registry. */
export function registerStripeMetrics(registry: Registry): void {
  const { requests, requestDuration } = stripeMetrics();
  registry.registerMetric(requests);
  registry.registerMetric(requestDuration);
}

/**
 * `POST /v1/payment_intents/:id/capture`: the query string dropped and ids (pi_3Nx..., re_...;
 * Stripe's ids hold digits or capitals, resource names never do; v1 and v2 stay) replaced, so the
 * label stays bounded.
 */
export function stripeOperation(method: string, path: string): string {
  const segments = (path.split("?", 1)[0] ?? "").split("/").map((segment) => (/[\dA-Z]/.test(segment) && !/^v\d+$/.test(segment) ? ":id" : segment));
  return `${method.toUpperCase()} ${segments.join("/")}`;
}

/** The outcome label of one answered attempt: ok, or Stripe's error family for the status it documents. */
export function stripeOutcomeOfStatus(status: number): string {
  if (status < 400) return "ok";
  if (status >= 500) return "api_error";
  const byStatus: Record<number, string> = {
    400: "invalid_request",
    401: "authentication",
    402: "card_error",
    403: "permission",
    404: "not_found",
    409: "conflict",
    429: "rate_limited",
  };
  return byStatus[status] ?? "client_error";
}

/** A failed attempt without an answer: the SDK's timeout (ETIMEDOUT), else a connection error. */
const outcomeOfFailure = (error: unknown): string => ((error as { code?: unknown } | null)?.code === "ETIMEDOUT" ? "timeout" : "connection_error");

type TStripeHttpClient = NonNullable<Stripe.StripeConfig["httpClient"]>;

/** The SDK's HTTP client, counting and timing every attempt into the Stripe metrics. */
export function observedStripeHttpClient(inner: TStripeHttpClient): TStripeHttpClient {
  const observed = Object.create(inner) as TStripeHttpClient;
  observed.makeRequest = async (host, port, path, method, headers, requestData, protocol, timeout) => {
    const operation = stripeOperation(method, path);
    const startedAt = performance.now();
    const metrics = stripeMetrics();
    try {
      const response = await inner.makeRequest(host, port, path, method, headers, requestData, protocol, timeout);
      metrics.requests.inc({ operation, outcome: stripeOutcomeOfStatus(response.getStatusCode()) });
      return response;
    } catch (error) {
      metrics.requests.inc({ operation, outcome: outcomeOfFailure(error) });
      throw error;
    } finally {
      metrics.requestDuration.observe({ operation }, (performance.now() - startedAt) / 1000);
    }
  };
  return observed;
}
