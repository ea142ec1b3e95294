import { z } from "zod";
import { flag, port } from "./env.ts";

/** Soketi (pusher protocol) settings, as .env.example lists them; API and dev tooling share them. */
export const soketiEnvShape = {
  SOKETI_HOST: z.string().min(1).default("127.0.0.1"),
  SOKETI_PORT: port(6001),
  SOKETI_APP_ID: z.string().min(1).default("app-id"),
  SOKETI_APP_KEY: z.string().min(1).default("app-key"),
  SOKETI_APP_SECRET: z.string().min(1).default("app-secret"),
  SOKETI_USE_TLS: flag(false),
};

export interface SoketiConnection {
  host: string;
  port: number;
  appId: string;
  key: string;
  secret: string;
  useTLS: boolean;
}

type SoketiEnv = { [K in keyof typeof soketiEnvShape]: z.output<(typeof soketiEnvShape)[K]> };

export const soketiConnection = (env: SoketiEnv): SoketiConnection => ({
  host: env.SOKETI_HOST,
  port: env.SOKETI_PORT,
  appId: env.SOKETI_APP_ID,
  key: env.SOKETI_APP_KEY,
  secret: env.SOKETI_APP_SECRET,
  useTLS: env.SOKETI_USE_TLS,
});
