import { createEnv } from "@marquee/config/env";
import { soketiEnvShape } from "@marquee/config/soketi";
import { z } from "zod";
import type { TPublicRealtimeConfig } from "../realtime.ts";

// (env.ts: the one file of this package that reads process.env.) What a browser needs to reach Soketi (the shop, the console's live pages, the scanner's check-in
// channel): never the app secret. SOKETI_PUBLIC_HOST/PORT/TLS are for deployments where browsers
// reach Soketi under another name than the servers do.
const shape = {
  ...soketiEnvShape,
  SOKETI_PUBLIC_HOST: z.string().min(1).optional(),
  SOKETI_PUBLIC_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  SOKETI_PUBLIC_USE_TLS: z.enum(["true", "false"]).optional(),
};

let cached: TPublicRealtimeConfig | null = null;

/** Read once per process (root layouts ask on every dynamic render). */
export function publicRealtimeConfig(): TPublicRealtimeConfig {
  return (cached ??= readPublicRealtimeConfig(process.env));
}

/** The public settings from an environment (throws the configuration error naming the variable). */
export function readPublicRealtimeConfig(source: Record<string, string | undefined>): TPublicRealtimeConfig {
  const env = createEnv(shape, source);
  return {
    key: env.SOKETI_APP_KEY,
    host: env.SOKETI_PUBLIC_HOST ?? env.SOKETI_HOST,
    port: env.SOKETI_PUBLIC_PORT ?? env.SOKETI_PORT,
    useTLS: env.SOKETI_PUBLIC_USE_TLS === undefined ? env.SOKETI_USE_TLS : env.SOKETI_PUBLIC_USE_TLS === "true",
  };
}
