import { z } from "zod";
import { devOnlyDefault, type EnvSource, flag, port } from "./env.ts";

/**
 * Soketi (pusher protocol) settings a browser may know, as .env.example lists them: no secret,
 * so the web app's public realtime settings read these alone.
 */
export const soketiEnvShape = {
  SOKETI_HOST: z.string().min(1).default("127.0.0.1"),
  SOKETI_PORT: port(6001),
  SOKETI_APP_ID: z.string().min(1).default("app-id"),
  SOKETI_APP_KEY: z.string().min(1).default("app-key"),
  SOKETI_USE_TLS: flag(false),
};

/**
 * Everything a server needs to publish (API, workers, dev tooling): the public settings plus
 * SOKETI_APP_SECRET, whose "app-secret" default applies in development and tests only.
 */
export const soketiServerEnvShape = (source: EnvSource) => ({
  ...soketiEnvShape,
  SOKETI_APP_SECRET: devOnlyDefault(z.string().min(1), "app-secret", source),
});

export interface SoketiConnection {
  host: string;
  port: number;
  appId: string;
  key: string;
  secret: string;
  useTLS: boolean;
}

type SoketiShape = ReturnType<typeof soketiServerEnvShape>;
type SoketiEnv = { [K in keyof SoketiShape]: z.output<SoketiShape[K]> };

export const soketiConnection = (env: SoketiEnv): SoketiConnection => ({
  host: env.SOKETI_HOST,
  port: env.SOKETI_PORT,
  appId: env.SOKETI_APP_ID,
  key: env.SOKETI_APP_KEY,
  secret: env.SOKETI_APP_SECRET,
  useTLS: env.SOKETI_USE_TLS,
});
