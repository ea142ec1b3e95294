// The variables the local Stripe test server reads (defaults as in .env.example).
import { z } from "zod";
import { createEnv, urlWith, type EnvSource } from "@marquee/config/env";
import { DEV_WEBHOOK_SECRET } from "./server.ts";

export const stripeLocalEnvShape = {
  /** Where the local server listens (and where Marquee's SDK points when STRIPE_SECRET_KEY is empty). */
  STRIPE_API_URL: urlWith("http:").default("http://127.0.0.1:12111"),
  /** Webhook endpoint(s), comma-separated; empty: no delivery. */
  STRIPE_WEBHOOK_URL: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .refine((urls) => urls.every((url) => /^https?:\/\//.test(url)), { message: "must be http(s) URLs, comma-separated" }),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "must start with whsec_").default(DEV_WEBHOOK_SECRET),
};

export const readStripeLocalEnv = (source: EnvSource = process.env) => createEnv(stripeLocalEnvShape, source);
