import { createEnv, secret, urlWith } from "@marquee/config/env";
import { z } from "zod";

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
    },
    source,
  );

export type ApiEnv = ReturnType<typeof readApiEnv>;
