// The one test account's objects, in memory, and the events their changes produce.
import type { Charge, PaymentIntent, Refund, StripeEvent, StripeObject } from "./objects.ts";
import { nowSeconds, stripeId } from "./objects.ts";

/** Who caused a change: becomes the event's `request` and `created`. */
export interface RequestContext {
  requestId: string | null;
  idempotencyKey: string | null;
  apiVersion: string;
  now: number;
}

export class StripeStore {
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();
  readonly events = new Map<string, StripeEvent>();
  /** Creation order of PaymentIntents: `created` has one-second resolution, so lists break ties by it. */
  private readonly paymentIntentSequence = new Map<string, number>();

  constructor(
    /** Called for each new event (webhook delivery). */
    private readonly onEvent: (event: StripeEvent) => void,
    private readonly endpointCount: () => number,
  ) {}

  addPaymentIntent(intent: PaymentIntent): void {
    this.paymentIntents.set(intent.id, intent);
    this.paymentIntentSequence.set(intent.id, this.paymentIntentSequence.size);
  }

  /** Newest first (created desc, then the later creation first), the order of Stripe's lists. */
  paymentIntentsNewestFirst(): PaymentIntent[] {
    const sequence = (intent: PaymentIntent) => this.paymentIntentSequence.get(intent.id) ?? -1;
    return [...this.paymentIntents.values()].sort((a, b) => b.created - a.created || sequence(b) - sequence(a));
  }

  /** Record an event with a snapshot of the object as it is now. */
  emit(context: RequestContext, type: string, object: StripeObject, previousAttributes?: Record<string, unknown>): StripeEvent {
    const event: StripeEvent = {
      id: stripeId("evt"),
      object: "event",
      api_version: context.apiVersion,
      created: nowSeconds(context.now),
      data: { object: structuredClone(object), ...(previousAttributes ? { previous_attributes: previousAttributes } : {}) },
      livemode: false,
      pending_webhooks: this.endpointCount(),
      request: { id: context.requestId, idempotency_key: context.idempotencyKey },
      type,
    };
    this.events.set(event.id, event);
    this.onEvent(event);
    return event;
  }
}
