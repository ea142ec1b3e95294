// The local Stripe-compatible test server: node:http, Stripe's auth, form encoding, JSON shapes,
// idempotency and signed webhooks, plus test hooks on the returned object.
import { createServer } from "node:http";
import { silentLog, type Log } from "../../log.ts";
import { createApiHandler } from "./api-handler.ts";
import { IdempotencyStore } from "./idempotency.ts";
import type { Charge, PaymentIntent, Refund, StripeEvent } from "./objects.ts";
import { authenticatePaymentIntent } from "./payment-intents.ts";
import { StripeStore, type RequestContext } from "./store.ts";
import { DEFAULT_WEBHOOK_RETRY, WebhookDispatcher, type WebhookDelivery, type WebhookEndpoint, type WebhookRetryOptions } from "./webhooks.ts";

/** The API version events carry (the one stripe-node 23 asks for). */
export const STRIPE_API_VERSION = "2026-10-28.endive";
/** Development webhook signing secret (STRIPE_WEBHOOK_SECRET's default). */
export const DEV_WEBHOOK_SECRET = "whsec_marquee_local_development_secret";

export interface StripeTestServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  webhook?: { url?: string | string[] | null; secret?: string; retry?: Partial<WebhookRetryOptions> };
  apiVersion?: string;
  /** Simulated processing time of each API call, so concurrent requests overlap as on Stripe. */
  latencyMs?: number;
  /** Clock in ms (idempotency expiry, `created`, signature timestamps). */
  now?: () => number;
  log?: Log;
}

/** A rule for dropResponses(): close the socket instead of answering, after the change is committed. */
export interface DropRule {
  method?: string;
  path?: string | RegExp;
}

export interface StripeTestServer {
  /** Base URL, e.g. http://127.0.0.1:12111. */
  readonly url: string;
  readonly port: number;
  readonly webhookSecret: string;
  stop(): Promise<void>;
  /** Replace the webhook endpoint(s); null or [] turns delivery off. */
  setWebhookEndpoint(url: string | string[] | null, secret?: string): void;
  /** Every delivery attempt so far, oldest first. */
  deliveries(filter?: { eventId?: string; type?: string }): WebhookDelivery[];
  /** Deliver an event again, `times` times (each with its own retries); resolves when done. */
  redeliver(eventId: string, times?: number): Promise<WebhookDelivery[]>;
  /** Deliver the given events (default: all so far) `times` times each, in random order. */
  deliverShuffled(eventIds?: string[], options?: { times?: number }): Promise<WebhookDelivery[]>;
  /** Keep new events back (no delivery) until releaseDeliveries(). */
  holdDeliveries(): void;
  /** Deliver the held events (shuffled by default, each `times` times) and resume normal delivery. */
  releaseDeliveries(options?: { shuffle?: boolean; times?: number }): Promise<WebhookDelivery[]>;
  /** Resolves when no delivery or retry is pending. */
  webhooksSettled(): Promise<void>;
  events(filter?: { type?: string }): StripeEvent[];
  paymentIntents(): PaymentIntent[];
  charges(): Charge[];
  refunds(): Refund[];
  /** Close the connection instead of answering the next `count` matching requests (after they ran). */
  dropResponses(count: number, rule?: DropRule): void;
  /** Finish (or fail) the 3DS-like step of a requires_action PaymentIntent. */
  authenticate(paymentIntentId: string, outcome: "succeed" | "fail"): PaymentIntent;
}

export async function startStripeTestServer(options: StripeTestServerOptions = {}): Promise<StripeTestServer> {
  const now = options.now ?? Date.now;
  const log = options.log ?? silentLog;
  const apiVersion = options.apiVersion ?? STRIPE_API_VERSION;
  let webhookSecret = options.webhook?.secret ?? DEV_WEBHOOK_SECRET;
  const endpointsFor = (url: string | string[] | null | undefined, secret: string): WebhookEndpoint[] =>
    (url === null || url === undefined ? [] : Array.isArray(url) ? url : [url]).filter(Boolean).map((endpointUrl) => ({ url: endpointUrl, secret }));
  const dispatcher = new WebhookDispatcher(endpointsFor(options.webhook?.url, webhookSecret), { ...DEFAULT_WEBHOOK_RETRY, ...options.webhook?.retry }, now);
  const store = new StripeStore(
    (event) => dispatcher.enqueue(event),
    () => dispatcher.endpointCount,
  );
  const idempotency = new IdempotencyStore(now);
  const dropRules: (DropRule & { remaining: number })[] = [];
  let baseUrl = "";

  const shouldDrop = (method: string, path: string): boolean => {
    const rule = dropRules.find(
      (candidate) =>
        (!candidate.method || candidate.method === method) &&
        (!candidate.path || (typeof candidate.path === "string" ? candidate.path === path : candidate.path.test(path))),
    );
    if (!rule) return false;
    if (--rule.remaining <= 0) dropRules.splice(dropRules.indexOf(rule), 1);
    return true;
  };

  const handle = createApiHandler({ store, idempotency, apiVersion, now, log, latencyMs: options.latencyMs ?? 0, baseUrl: () => baseUrl, shouldDrop });

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent)
        response.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { type: "api_error", message: "Internal error" } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const host = options.host ?? "127.0.0.1";
  baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const sweep = setInterval(() => idempotency.sweep(), 3_600_000).unref();

  const findEvent = (eventId: string): StripeEvent => {
    const event = store.events.get(eventId);
    if (!event) throw new Error(`No such event: ${eventId}`);
    return event;
  };
  const testContext = (): RequestContext => ({ requestId: null, idempotencyKey: null, apiVersion, now: now() });

  return {
    url: baseUrl,
    port,
    get webhookSecret() {
      return webhookSecret;
    },
    async stop() {
      clearInterval(sweep);
      dispatcher.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    setWebhookEndpoint(url, secret) {
      webhookSecret = secret ?? webhookSecret;
      dispatcher.setEndpoints(endpointsFor(url, webhookSecret));
    },
    deliveries: (filter = {}) =>
      dispatcher
        .deliveries()
        .filter((delivery) => (!filter.eventId || delivery.eventId === filter.eventId) && (!filter.type || delivery.eventType === filter.type)),
    redeliver: (eventId, times = 1) => dispatcher.redeliver(findEvent(eventId), times),
    deliverShuffled: (eventIds, deliverOptions = {}) =>
      dispatcher.deliverShuffled((eventIds ?? [...store.events.keys()]).map(findEvent), deliverOptions.times ?? 1),
    holdDeliveries: () => dispatcher.hold(),
    releaseDeliveries: (releaseOptions) => dispatcher.release(releaseOptions),
    webhooksSettled: () => dispatcher.settled(),
    events: (filter = {}) => [...store.events.values()].filter((event) => !filter.type || event.type === filter.type).map((event) => structuredClone(event)),
    paymentIntents: () => [...store.paymentIntents.values()].map((intent) => structuredClone(intent)),
    charges: () => [...store.charges.values()].map((charge) => structuredClone(charge)),
    refunds: () => [...store.refunds.values()].map((refund) => structuredClone(refund)),
    dropResponses(count, rule = {}) {
      if (count > 0) dropRules.push({ ...rule, remaining: count });
    },
    authenticate: (paymentIntentId, outcome) => structuredClone(authenticatePaymentIntent(store, testContext(), paymentIntentId, outcome)),
  };
}
