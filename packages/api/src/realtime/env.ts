import { createEnv, flag, port } from "@marquee/config/env";
import { z } from "zod";
import type { RealtimeConfig } from "./publisher.ts";

/** The Soketi (pusher protocol) settings of .env.example. */
export const readRealtimeEnv = (source: Record<string, string | undefined> = process.env) =>
  createEnv(
    {
      SOKETI_HOST: z.string().min(1).default("127.0.0.1"),
      SOKETI_PORT: port(6001),
      SOKETI_APP_ID: z.string().min(1).default("app-id"),
      SOKETI_APP_KEY: z.string().min(1).default("app-key"),
      SOKETI_APP_SECRET: z.string().min(1).default("app-secret"),
      SOKETI_USE_TLS: flag(false),
    },
    source,
  );

export type RealtimeEnv = ReturnType<typeof readRealtimeEnv>;

export const realtimeConfigFromEnv = (env: RealtimeEnv): RealtimeConfig => ({
  host: env.SOKETI_HOST,
  port: env.SOKETI_PORT,
  appId: env.SOKETI_APP_ID,
  key: env.SOKETI_APP_KEY,
  secret: env.SOKETI_APP_SECRET,
  useTLS: env.SOKETI_USE_TLS,
});
