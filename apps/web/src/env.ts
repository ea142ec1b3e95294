import { createEnv } from "@marquee/config/env";
import { soketiEnvShape } from "@marquee/config/soketi";
import { z } from "zod";
import type { TPublicRealtimeConfig } from "~/lib/realtime.tsx";

// What the browser needs to reach Soketi: never the app secret. SOKETI_PUBLIC_HOST/PORT/TLS are
// for deployments where buyers reach Soketi under another name than the servers do.
const shape = {
  ...soketiEnvShape,
  SOKETI_PUBLIC_HOST: z.string().min(1).optional(),
  SOKETI_PUBLIC_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  SOKETI_PUBLIC_USE_TLS: z.enum(["true", "false"]).optional(),
};

let cached: TPublicRealtimeConfig | null = null;

/** Read once per process (the root layout asks on every dynamic render). */
export function publicRealtimeConfig(): TPublicRealtimeConfig {
  return (cached ??= readPublicRealtimeConfig(process.env));
}

function readPublicRealtimeConfig(source: Record<string, string | undefined>): TPublicRealtimeConfig {
  const env = createEnv(shape, source);
  return {
    key: env.SOKETI_APP_KEY,
    host: env.SOKETI_PUBLIC_HOST ?? env.SOKETI_HOST,
    port: env.SOKETI_PUBLIC_PORT ?? env.SOKETI_PORT,
    useTLS: env.SOKETI_PUBLIC_USE_TLS === undefined ? env.SOKETI_USE_TLS : env.SOKETI_PUBLIC_USE_TLS === "true",
  };
}
