// The browser's calls to the local Stripe-compatible test server, as Stripe.js makes them to
// Stripe: a publishable key plus the PaymentIntent's client_secret, form-encoded. Used only when
// no real Stripe key is configured (see env.ts); the server answers CORS itself.

export interface TLocalIntent {
  id: string;
  status: "requires_payment_method" | "requires_confirmation" | "requires_action" | "processing" | "requires_capture" | "succeeded" | "canceled";
  last_payment_error: { code?: string; decline_code?: string; message?: string } | null;
}

/** A card or state error, with Stripe's codes (card_declined + decline_code, ...). */
export class LocalPaymentError extends Error {
  constructor(
    readonly code: string | null,
    readonly declineCode: string | null,
    readonly intent: TLocalIntent | null,
    message: string,
  ) {
    super(message);
  }
}

interface TLocalTarget {
  apiUrl: string;
  publishableKey: string;
  clientSecret: string;
}

const intentIdOf = (clientSecret: string) => clientSecret.split("_secret_")[0]!;

async function call(target: TLocalTarget, method: "GET" | "POST", path: string, params: Record<string, string> = {}): Promise<TLocalIntent> {
  const body = new URLSearchParams({ ...params, client_secret: target.clientSecret });
  const url = `${target.apiUrl}/v1/payment_intents/${encodeURIComponent(intentIdOf(target.clientSecret))}${path}`;
  let response: Response;
  try {
    response = await fetch(method === "GET" ? `${url}?${body.toString()}` : url, {
      method,
      headers: { authorization: `Bearer ${target.publishableKey}`, ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: method === "POST" ? body.toString() : undefined,
    });
  } catch {
    throw new LocalPaymentError("network_error", null, null, "The payment server could not be reached.");
  }
  const json = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; decline_code?: string; message?: string; payment_intent?: TLocalIntent };
  } & Partial<TLocalIntent>;
  if (!response.ok || json.error) {
    const error = json.error ?? {};
    throw new LocalPaymentError(error.code ?? null, error.decline_code ?? null, error.payment_intent ?? null, error.message ?? `HTTP ${response.status}`);
  }
  return json as TLocalIntent;
}

export const retrieveIntent = (target: TLocalTarget) => call(target, "GET", "");
export const confirmIntent = (target: TLocalTarget, paymentMethod: string) => call(target, "POST", "/confirm", { payment_method: paymentMethod });
/** The test server's stand-in for the bank's 3-D Secure page. */
export const authenticateIntent = (target: TLocalTarget, outcome: "succeed" | "fail") => call(target, "POST", "/test_authenticate", { outcome });
