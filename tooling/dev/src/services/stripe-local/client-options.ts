// Pointing the official SDK at a Stripe-compatible server: new Stripe(key, stripeClientOptions(url)).

export interface StripeClientHostOptions {
  host: string;
  port: number;
  protocol: "http" | "https";
}

/** `{ host, port, protocol }` for `new Stripe(key, {...})` from a base URL such as http://127.0.0.1:12111. */
export function stripeClientOptions(apiUrl: string): StripeClientHostOptions {
  const url = new URL(apiUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`Stripe API URL must be http(s): ${apiUrl}`);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname.replace(/^\[|\]$/g, ""), port: url.port ? Number(url.port) : protocol === "http" ? 80 : 443, protocol };
}
