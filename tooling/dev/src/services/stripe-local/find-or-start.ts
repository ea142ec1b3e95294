import { silentLog, type Log } from "../../log.ts";
import { canConnect } from "../net.ts";
import type { ServiceHandle } from "../types.ts";
import { startStripeTestServer } from "./server.ts";

export interface StripeLocalOptions {
  /** STRIPE_API_URL, e.g. http://127.0.0.1:12111. */
  apiUrl: string;
  /** Where signed webhooks go: the web app's /api/webhooks/stripe. */
  webhookUrl: string;
  webhookSecret: string;
  log?: Log;
}

/** Does a Stripe-compatible API answer there (a Stripe-shaped 401 without a key)? */
async function isStripeApi(apiUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL("/v1/payment_intents/pi_probe", apiUrl), { signal: AbortSignal.timeout(1_000) });
    const body = (await response.json()) as { error?: { type?: string } };
    return response.status === 401 && typeof body.error?.type === "string";
  } catch {
    return false;
  }
}

/**
 * The local Stripe test server for `npm start` and the e2e stack: use the one answering at
 * STRIPE_API_URL, or run one in this process there, posting webhooks to the web app.
 */
export async function findOrStartStripeLocal(options: StripeLocalOptions): Promise<ServiceHandle> {
  const url = new URL(options.apiUrl);
  if (await isStripeApi(options.apiUrl)) {
    return { url: options.apiUrl, startedByUs: false, description: `Stripe test server at ${url.host} (already running)`, stop: async () => {} };
  }
  const port = Number(url.port || 80);
  if (await canConnect(url.hostname, port))
    throw new Error(`Port ${port} on ${url.hostname} is in use by something that is not a Stripe test server; free it or change STRIPE_API_URL`);
  const log = options.log ?? silentLog;
  const server = await startStripeTestServer({ host: url.hostname, port, webhook: { url: options.webhookUrl, secret: options.webhookSecret }, log });
  return {
    url: server.url,
    startedByUs: true,
    description: `Stripe test server on ${url.host} (in process; webhooks to ${options.webhookUrl})`,
    stop: () => server.stop(),
  };
}
