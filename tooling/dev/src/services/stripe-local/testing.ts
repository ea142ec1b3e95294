// Test helpers: the server with an official SDK client pointed at it, and a webhook receiver.
import { createServer, type IncomingHttpHeaders } from "node:http";
import Stripe from "stripe";
import { stripeClientOptions } from "@marquee/config/stripe";
import { startStripeTestServer, type StripeTestServer, type StripeTestServerOptions } from "./server.ts";

export const TEST_SECRET_KEY = "sk_test_marquee_local";

export function stripeClient(server: StripeTestServer, config: Stripe.StripeConfig = {}, key = TEST_SECRET_KEY): Stripe {
  return new Stripe(key, { ...stripeClientOptions(server.url), telemetry: false, maxNetworkRetries: 0, ...config });
}

export async function startWithClient(options: StripeTestServerOptions = {}): Promise<{ server: StripeTestServer; stripe: Stripe }> {
  const server = await startStripeTestServer(options);
  return { server, stripe: stripeClient(server) };
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  status: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The status to answer the nth request (0-based); 200 unless changed. */
  respond: (index: number, rawBody: string) => number;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: "", received: [], respond: () => 200, stop: async () => {} };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const status = receiver.respond(receiver.received.length, rawBody);
      receiver.received.push({ headers: request.headers, rawBody, status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  receiver.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/webhooks/stripe`;
  receiver.stop = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}
