import { createEnv } from "@marquee/config/env";
import { soketiConnection, soketiServerEnvShape } from "@marquee/config/soketi";
import type { RealtimeConfig } from "./publisher.ts";

export const readRealtimeEnv = (source: Record<string, string | undefined> = process.env) => createEnv(soketiServerEnvShape(source), source);

export type RealtimeEnv = ReturnType<typeof readRealtimeEnv>;

export const realtimeConfigFromEnv = (env: RealtimeEnv): RealtimeConfig => soketiConnection(env);
