import { createEnv, urlWith } from "@marquee/config/env";
import { z } from "zod";

// How the checkout page takes card payments, decided on the server at request time (never at
// build time) and handed to the page as a prop. Only public values leave the server: the
// publishable key and the local test server's address, never STRIPE_SECRET_KEY.
//
// - STRIPE_SECRET_KEY set (the API talks to real Stripe): Stripe's Payment Element with
//   STRIPE_PUBLISHABLE_KEY (pk_test_/pk_live_); without it card payments are "not set up".
// - STRIPE_SECRET_KEY empty (dev, tests, the demo): the API uses the local Stripe-compatible test
//   server, so the page shows a test card form that confirms there directly (it answers CORS and
//   accepts any pk_test_ key with the intent's client_secret). STRIPE_PUBLIC_API_URL is for setups
//   where browsers reach that server under another address than the web server does.
const shape = {
  STRIPE_SECRET_KEY: z.string().default(""),
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_\w+$/, "must be a Stripe publishable key (pk_test_..., pk_live_...)")
    .optional(),
  STRIPE_API_URL: urlWith("http:", "https:").default("http://127.0.0.1:12111"),
  STRIPE_PUBLIC_API_URL: urlWith("http:", "https:").optional(),
};

/** Any pk_test_ key works with the local test server. */
const LOCAL_PUBLISHABLE_KEY = "pk_test_marquee_local";

export type TPaymentConfig = { mode: "stripe"; publishableKey: string } | { mode: "local"; apiUrl: string; publishableKey: string } | { mode: "unavailable" };

export function paymentConfig(source: Record<string, string | undefined> = process.env): TPaymentConfig {
  const env = createEnv(shape, source);
  if (env.STRIPE_SECRET_KEY !== "")
    return env.STRIPE_PUBLISHABLE_KEY ? { mode: "stripe", publishableKey: env.STRIPE_PUBLISHABLE_KEY } : { mode: "unavailable" };
  const publishableKey = env.STRIPE_PUBLISHABLE_KEY?.startsWith("pk_test_") ? env.STRIPE_PUBLISHABLE_KEY : LOCAL_PUBLISHABLE_KEY;
  return { mode: "local", apiUrl: (env.STRIPE_PUBLIC_API_URL ?? env.STRIPE_API_URL).replace(/\/+$/, ""), publishableKey };
}
