// Stripe's object shapes (the fields Marquee and the SDK read), ids and errors.
import { randomInt } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Ids look like Stripe's: `pi_3` + 24 base62 characters. */
export const stripeId = (prefix: string, length = 24): string => `${prefix}_3${Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")}`;
export const secretSuffix = (): string => Array.from({ length: 25 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");

export type Metadata = Record<string, string>;

export type PaymentIntentStatus =
  "requires_payment_method" | "requires_confirmation" | "requires_action" | "processing" | "requires_capture" | "succeeded" | "canceled";
export type CaptureMethod = "automatic" | "automatic_async" | "manual";

export interface LastPaymentError {
  type: "card_error" | "invalid_request_error";
  code: string;
  decline_code?: string;
  message: string;
  doc_url: string;
  charge?: string;
  payment_method?: { id: string; object: "payment_method"; type: "card" };
}

export interface PaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_received: number;
  automatic_payment_methods: { enabled: boolean } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: CaptureMethod;
  client_secret: string;
  confirmation_method: "automatic" | "manual";
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: LastPaymentError | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Metadata;
  next_action: Record<string, unknown> | null;
  payment_method: string | null;
  payment_method_types: string[];
  receipt_email: string | null;
  statement_descriptor: string | null;
  status: PaymentIntentStatus;
}

export interface Charge {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  created: number;
  currency: string;
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  metadata: Metadata;
  outcome: { network_status: string; reason: string | null; seller_message: string; type: string };
  paid: boolean;
  payment_intent: string;
  payment_method: string | null;
  payment_method_details: { type: "card"; card: { brand: string; last4: string } };
  refunded: boolean;
  status: "succeeded" | "pending" | "failed";
}

export interface Refund {
  id: string;
  object: "refund";
  amount: number;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  reason: string | null;
  status: "pending" | "succeeded" | "failed" | "canceled";
}

export type StripeObject = PaymentIntent | Charge | Refund;

export interface StripeEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export type StripeErrorType = "invalid_request_error" | "card_error" | "idempotency_error" | "api_error" | "authentication_error";

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: PaymentIntent;
  payment_method?: LastPaymentError["payment_method"];
}

/** An error answered as `{ error: {...} }` with its HTTP status. */
export class StripeApiError extends Error {
  override name = "StripeApiError";
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    /** A failed input check: Stripe saves no idempotent result for it, since the endpoint never began executing. */
    readonly validation = false,
  ) {
    super(body.message);
  }

  /** Whether an idempotency key keeps this answer (4xx once the endpoint ran; never 5xx). */
  get savedForIdempotency(): boolean {
    return this.status < 500 && !this.validation;
  }
}

export const docUrl = (code: string) => `https://docs.stripe.com/error-codes/${code.replaceAll("_", "-")}`;

type ErrorExtra = Omit<StripeErrorBody, "type" | "message">;

/** A 400 (or `status`) invalid_request_error raised while the endpoint runs (saved for idempotency). */
export const invalidRequest = (message: string, extra: ErrorExtra = {}, status = 400) =>
  new StripeApiError(status, { type: "invalid_request_error", message, ...(extra.code ? { doc_url: docUrl(extra.code) } : {}), ...extra });

/** A failed parameter check (not saved for idempotency). */
export const invalidParam = (message: string, extra: ErrorExtra = {}, status = 400) =>
  new StripeApiError(status, invalidRequest(message, extra, status).body, true);

export const resourceMissing = (kind: string, id: string, param: string) => invalidParam(`No such ${kind}: '${id}'`, { code: "resource_missing", param }, 404);

export const nowSeconds = (now: number) => Math.floor(now / 1000);
