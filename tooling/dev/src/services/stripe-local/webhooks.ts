// Webhook delivery like Stripe's: each event is POSTed to every endpoint with
// `Stripe-Signature: t=<unix>,v1=<HMAC-SHA256 hex of "t.body">`, asynchronously, retried with
// exponential backoff on non-2xx and connection errors (at least once, in no guaranteed order).
// Test hooks hold deliveries, release them shuffled, and redeliver an event several times.
import { createHmac, randomInt } from "node:crypto";
import type { StripeEvent } from "./objects.ts";
import { stripeId } from "./objects.ts";

export interface WebhookEndpoint {
  url: string;
  secret: string;
}

export interface WebhookRetryOptions {
  /** Delay before the first retry; doubles each attempt (with jitter) up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Attempts per delivery, the first included. Stripe keeps trying for 3 days. */
  maxAttempts: number;
  /** Time allowed for the endpoint to answer one attempt. */
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_RETRY: WebhookRetryOptions = { initialDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 10, timeoutMs: 10_000 };

/** One HTTP attempt to deliver an event to an endpoint. */
export interface WebhookDelivery {
  id: string;
  eventId: string;
  eventType: string;
  url: string;
  /** 1 for the first try of this delivery, then 2, 3... for its retries. */
  attempt: number;
  /** True for deliveries started by redeliver() / deliverShuffled() rather than by the event itself. */
  redelivery: boolean;
  /** The endpoint's status, or null when it did not answer (error says why). */
  status: number | null;
  error: string | null;
  ok: boolean;
  at: number;
}

/** The value of the Stripe-Signature header for a payload. */
export function signatureHeader(payload: string, secret: string, timestampSeconds: number): string {
  const signature = createHmac("sha256", secret).update(`${timestampSeconds}.${payload}`, "utf8").digest("hex");
  return `t=${timestampSeconds},v1=${signature}`;
}

export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export class WebhookDispatcher {
  private endpoints: WebhookEndpoint[];
  private readonly log: WebhookDelivery[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  private readonly timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private held: StripeEvent[] | null = null;
  private stopped = false;

  constructor(
    endpoints: WebhookEndpoint[],
    private readonly retry: WebhookRetryOptions,
    private readonly now: () => number,
  ) {
    this.endpoints = endpoints;
  }

  get endpointCount(): number {
    return this.endpoints.length;
  }

  setEndpoints(endpoints: WebhookEndpoint[]): void {
    this.endpoints = endpoints;
  }

  /** A new event: delivered now, or kept while deliveries are held. */
  enqueue(event: StripeEvent): void {
    if (this.held) this.held.push(event);
    else this.track(this.deliverEverywhere(event, false));
  }

  /** Keep new events back until releaseDeliveries(). */
  hold(): void {
    this.held ??= [];
  }

  /** Deliver what was held (shuffled unless told otherwise, each `times` times) and resume. */
  release(options: { shuffle?: boolean; times?: number } = {}): Promise<WebhookDelivery[]> {
    const events = this.held ?? [];
    this.held = null;
    return this.deliverInOrder(events, options.times ?? 1, options.shuffle ?? true, false);
  }

  /** Deliver events `times` times each, in random order; resolves when all deliveries end. */
  deliverShuffled(events: StripeEvent[], times = 1): Promise<WebhookDelivery[]> {
    return this.deliverInOrder(events, times, true, true);
  }

  redeliver(event: StripeEvent, times = 1): Promise<WebhookDelivery[]> {
    return this.deliverInOrder([event], times, false, true);
  }

  deliveries(): WebhookDelivery[] {
    return this.log.map((delivery) => ({ ...delivery }));
  }

  /** Resolves once no delivery (including scheduled retries) is in progress. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  stop(): void {
    this.stopped = true;
    for (const entry of this.timers) {
      clearTimeout(entry.timer);
      entry.resolve();
    }
    this.timers.clear();
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
    return promise;
  }

  /** Start each delivery in the given (or a shuffled) order; the next starts after the previous one's first attempt. */
  private async deliverInOrder(events: StripeEvent[], times: number, shuffle: boolean, redelivery: boolean): Promise<WebhookDelivery[]> {
    const copies = events.flatMap((event) => Array.from({ length: times }, () => event));
    const order = shuffle ? shuffled(copies) : copies;
    const running: Promise<WebhookDelivery[]>[] = [];
    for (const event of order) {
      let firstAttempt!: () => void;
      const started = new Promise<void>((resolve) => (firstAttempt = resolve));
      running.push(this.track(this.deliverEverywhere(event, redelivery, firstAttempt)));
      await started;
    }
    return (await Promise.all(running)).flat();
  }

  private async deliverEverywhere(event: StripeEvent, redelivery: boolean, onFirstAttempt?: () => void): Promise<WebhookDelivery[]> {
    if (this.endpoints.length === 0) {
      onFirstAttempt?.();
      return [];
    }
    let waiting = this.endpoints.length;
    const firstDone = () => {
      if (--waiting === 0) onFirstAttempt?.();
    };
    return Promise.all(this.endpoints.map((endpoint) => this.deliverWithRetries(event, endpoint, redelivery, firstDone)));
  }

  private async deliverWithRetries(event: StripeEvent, endpoint: WebhookEndpoint, redelivery: boolean, onFirstAttempt: () => void): Promise<WebhookDelivery> {
    let delivery = await this.attempt(event, endpoint, 1, redelivery);
    onFirstAttempt();
    while (!delivery.ok && !this.stopped && delivery.attempt < this.retry.maxAttempts) {
      const backoff = Math.min(this.retry.initialDelayMs * 2 ** (delivery.attempt - 1), this.retry.maxDelayMs);
      await this.sleep(backoff * (0.75 + Math.random() * 0.5));
      if (this.stopped) break;
      delivery = await this.attempt(event, endpoint, delivery.attempt + 1, redelivery);
    }
    return delivery;
  }

  private async attempt(event: StripeEvent, endpoint: WebhookEndpoint, attempt: number, redelivery: boolean): Promise<WebhookDelivery> {
    const payload = JSON.stringify(event, null, 2);
    const delivery: WebhookDelivery = {
      id: stripeId("whd"),
      eventId: event.id,
      eventType: event.type,
      url: endpoint.url,
      attempt,
      redelivery,
      status: null,
      error: null,
      ok: false,
      at: this.now(),
    };
    try {
      const response = await fetch(endpoint.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "Stripe-Signature": signatureHeader(payload, endpoint.secret, Math.floor(this.now() / 1000)),
        },
        body: payload,
        signal: AbortSignal.timeout(this.retry.timeoutMs),
      });
      await response.body?.cancel();
      delivery.status = response.status;
      delivery.ok = response.status >= 200 && response.status < 300;
      if (!delivery.ok) delivery.error = `HTTP ${response.status}`;
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
      delivery.error = cause ?? (error instanceof Error ? error.message : String(error));
    }
    this.log.push(delivery);
    return delivery;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.timers.add(entry);
    });
  }
}
