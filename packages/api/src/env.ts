import { isIP } from "node:net";
import { createEnv, port, secret, urlWith } from "@marquee/config/env";
import { z } from "zod";

const isAddressList = (value: string) =>
  value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .every((entry) => {
      const [address = "", bits] = entry.split("/");
      return isIP(address) !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits));
    });
const perMinute = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

export const readApiEnv = (source: Record<string, string | undefined> = process.env) =>
  createEnv(
    {
      NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
      DATABASE_URL: urlWith("postgres:", "postgresql:").default("postgresql://postgres@127.0.0.1:5432/marquee"),
      REDIS_URL: urlWith("redis:", "rediss:").default("redis://127.0.0.1:6379"),
      // Namespace for every Redis key and queue; the workers read the same variable.
      REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9._-]+$/).default("marquee"),
      AUTH_SECRET: secret("dev-only-auth-secret-change-me-in-production", source),
      WEB_URL: urlWith("http:", "https:").default("http://localhost:3000"),
      ADMIN_URL: urlWith("http:", "https:").default("http://localhost:3001"),
      CHECKIN_URL: urlWith("http:", "https:").default("http://localhost:3002"),
      // The standalone API server (tRPC + REST without Next) for the hot public paths.
      API_HOST: z.string().min(1).default("127.0.0.1"),
      API_PORT: port(3010),
      // Comma-separated IPs/CIDRs of reverse proxies whose X-Forwarded-For is believed.
      TRUSTED_PROXIES: z.string().default("").refine(isAddressList, { message: "must be comma-separated IP addresses or CIDRs (e.g. 10.0.0.0/8,127.0.0.1)" }),
      // Requests per minute per client IP / per cart token; 0 turns that limit off.
      RATE_LIMIT_POLL_PER_MINUTE: perMinute(600),
      RATE_LIMIT_POLL_PER_CART_PER_MINUTE: perMinute(300),
      RATE_LIMIT_JOIN_PER_MINUTE: perMinute(30),
      RATE_LIMIT_JOIN_PER_CART_PER_MINUTE: perMinute(5),
      RATE_LIMIT_HOLD_PER_MINUTE: perMinute(60),
      RATE_LIMIT_HOLD_PER_CART_PER_MINUTE: perMinute(20),
    },
    source,
  );

export type ApiEnv = ReturnType<typeof readApiEnv>;
