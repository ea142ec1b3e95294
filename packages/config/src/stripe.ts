// Pointing the official Stripe SDK at another base URL (the local test server when
// STRIPE_SECRET_KEY is empty): new Stripe(key, { ...stripeClientOptions(url) }). Plain types, so
// this package does not depend on `stripe`; the shape matches Stripe.StripeConfig's fields.

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
  // URL keeps IPv6 hosts bracketed ("[::1]"); the SDK wants the bare address.
  return { host: url.hostname.replace(/^\[|\]$/g, ""), port: url.port ? Number(url.port) : protocol === "http" ? 80 : 443, protocol };
}
