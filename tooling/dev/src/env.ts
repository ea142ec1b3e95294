import { soketiServerEnvShape } from "@marquee/config/soketi";
import { existsSync, readFileSync } from "node:fs";
import { delimiter } from "node:path";
import { parseEnv } from "node:util";
import { z } from "zod";
import { ConfigError, createEnv, devOnlyDefault, flag, port, urlWith, type EnvSource } from "@marquee/config/env";

export { ConfigError, type EnvSource };

/**
 * Every variable the dev tooling reads, with the defaults of .env.example (the secrets' only when
 * NODE_ENV is development or test). Validated as a whole so a malformed URL stops start-up with
 * one line naming the variable.
 */
export const devEnvShape = (source: EnvSource) => ({
  CI: flag(false),
  DATABASE_URL: urlWith("postgres:", "postgresql:").default("postgresql://postgres@127.0.0.1:5432/marquee"),
  REDIS_URL: urlWith("redis:", "rediss:").default("redis://127.0.0.1:6379"),
  ...soketiServerEnvShape(source),
  SMTP_URL: urlWith("smtp:", "smtps:").default("smtp://127.0.0.1:1025"),
  MAILCATCHER_HTTP_PORT: port(1080),
  MAILCATCHER_URL: urlWith("http:", "https:").default("http://127.0.0.1:1080"),
  // Inbound support mail: the domain buyers reply to, and the console endpoint's Bearer secret
  // (unset: `npm start` and the e2e stack make a random one per run and hand it to the console).
  INBOUND_EMAIL_DOMAIN: z.string().min(3).default("inbound.marquee.local"),
  INBOUND_EMAIL_SECRET: z.string().min(16).optional(),
  // The catcher forwards mail for MAILCATCHER_FORWARD_DOMAIN to MAILCATCHER_FORWARD_URL with
  // MAILCATCHER_FORWARD_SECRET; the stack fills them from the three above and ADMIN_URL.
  MAILCATCHER_FORWARD_DOMAIN: z.string().default(""),
  MAILCATCHER_FORWARD_URL: z.union([z.literal(""), urlWith("http:", "https:")]).default(""),
  MAILCATCHER_FORWARD_SECRET: z.string().default(""),
  // Empty key: the local Stripe-compatible test server runs at STRIPE_API_URL (services/stripe-local).
  STRIPE_SECRET_KEY: z.string().default(""),
  STRIPE_API_URL: urlWith("http:", "https:").default("http://127.0.0.1:12111"),
  STRIPE_WEBHOOK_SECRET: devOnlyDefault(z.string().startsWith("whsec_"), "whsec_marquee_local_development_secret", source),
  WEB_URL: urlWith("http:", "https:").default("http://localhost:3000"),
  ADMIN_URL: urlWith("http:", "https:").default("http://localhost:3001"),
  CHECKIN_URL: urlWith("http:", "https:").default("http://localhost:3002"),
  WORKER_HOST: z.string().min(1).default("127.0.0.1"),
  // The standalone API server (hot public paths: REST /api/v1, tRPC, OpenAPI document).
  API_HOST: z.string().min(1).default("127.0.0.1"),
  API_PORT: port(3010),
  BOOKING_HTTP_PORT: port(9101),
  PAYMENT_HTTP_PORT: port(9102),
  INVOICE_HTTP_PORT: port(9103),
  NOTIFICATION_HTTP_PORT: port(9104),
  ANALYTICS_HTTP_PORT: port(9105),
});

export type DevEnv = ReturnType<typeof readDevEnv>;

/** Validate the dev tooling's variables; throws a one-line ConfigError. */
export function readDevEnv(source: EnvSource = process.env) {
  return createEnv(devEnvShape(source), source);
}

/**
 * Load KEY=value lines from a .env file into process.env without overriding variables that are
 * already set (the shell wins, as with dotenv). Returns whether a file was loaded.
 */
export function loadDotEnv(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    process.loadEnvFile(path);
  } catch (error) {
    throw new ConfigError(`Could not read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return true;
}

/** Set variables from a KEY=value file only where nothing has set them, skipping `except`. */
export function loadEnvDefaults(path: string, except: readonly string[] = []): void {
  if (!existsSync(path)) return;
  for (const [key, value] of Object.entries(parseEnv(readFileSync(path, "utf8")))) {
    if (value !== undefined && !except.includes(key) && (process.env[key] === undefined || process.env[key] === "")) process.env[key] = value;
  }
}

/** The current environment, for child processes: `{ ...process.env, ...overrides }`. */
export function inheritedEnv(overrides: EnvSource = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/**
 * `npm test` is a test run: NODE_ENV=test unless the caller chose one, so the development
 * defaults of secrets apply to it and to every process it starts (vitest, the e2e stack, the benches).
 */
export function defaultNodeEnvForTests(): void {
  // Some type packages (Next) declare NODE_ENV read-only; it is a plain variable at run time.
  const env: Record<string, string | undefined> = process.env;
  env.NODE_ENV ||= "test";
}

/** A snapshot of process.env (so callers outside env.ts never touch it directly). */
export const processEnv = (): EnvSource => ({ ...process.env });

/** NO_COLOR (any value) or FORCE_COLOR=0 turns coloured prefixes off. */
export const noColour = (): boolean => "NO_COLOR" in process.env || process.env.FORCE_COLOR === "0";

/** The directories of PATH, in order. */
export const pathDirectories = (): string[] => (process.env.PATH ?? "").split(delimiter).filter(Boolean);

/** True when running as root (postgres refuses to run as root). */
export const isRoot = (): boolean => typeof process.getuid === "function" && process.getuid() === 0;
