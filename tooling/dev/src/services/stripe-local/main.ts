// `tsx tooling/dev/src/services/stripe-local/main.ts`: the local Stripe test server on its own
// (STRIPE_API_URL, webhooks to STRIPE_WEBHOOK_URL signed with STRIPE_WEBHOOK_SECRET).
import { loadRepoDotEnv, onShutdownSignal, runEntryPoint } from "../../cli.ts";
import { createLog } from "../../log.ts";
import { readStripeLocalEnv } from "./env.ts";
import { startStripeTestServer } from "./server.ts";

export async function main(): Promise<void> {
  loadRepoDotEnv();
  const env = readStripeLocalEnv();
  const apiUrl = new URL(env.STRIPE_API_URL);
  const server = await startStripeTestServer({
    host: apiUrl.hostname.replace(/^\[|\]$/g, ""),
    port: Number(apiUrl.port || 80),
    webhook: { url: env.STRIPE_WEBHOOK_URL, secret: env.STRIPE_WEBHOOK_SECRET },
    log: createLog("stripe"),
  });
  onShutdownSignal(() => server.stop());
  const webhooks = env.STRIPE_WEBHOOK_URL.length > 0 ? `webhooks to ${env.STRIPE_WEBHOOK_URL.join(", ")}` : "no webhook endpoint (set STRIPE_WEBHOOK_URL)";
  console.info(`Local Stripe test server on ${server.url} (any sk_test_ key), ${webhooks}`);
}

runEntryPoint(async () => ({ main }));
