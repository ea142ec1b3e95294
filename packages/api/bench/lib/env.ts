// The benchmarks' only reads of process.env (house style: configuration through env.ts files).
import { randomBytes } from "node:crypto";
import { TEST_TICKET_KEY_SECRET } from "@marquee/db/testing";

const inherited = (name: string, fallback: () => string) => process.env[name] || fallback();
const runSecret = () => randomBytes(24).toString("hex");

/**
 * The environment the benchmarks start from: the shell's, the connection defaults, and a value for
 * every secret the servers read. The servers run with NODE_ENV=production, as a deployment does,
 * where secrets have no default; so a bench needs nothing but PostgreSQL and Redis (no .env).
 * Secrets are the run's own (a child process inherits its parent's); TICKET_KEY_SECRET is the
 * one the test factories encrypt events' signing keys with. Stripe is always the local test server.
 */
export const benchEnv = (): Record<string, string | undefined> => ({
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/marquee",
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  AUTH_SECRET: inherited("AUTH_SECRET", runSecret),
  ADMISSION_TOKEN_SECRET: inherited("ADMISSION_TOKEN_SECRET", runSecret),
  SOKETI_APP_SECRET: inherited("SOKETI_APP_SECRET", runSecret),
  TICKET_KEY_SECRET: inherited("TICKET_KEY_SECRET", () => TEST_TICKET_KEY_SECRET),
  STRIPE_WEBHOOK_SECRET: inherited("STRIPE_WEBHOOK_SECRET", () => `whsec_${runSecret()}`),
  // The local Stripe test server, chosen on purpose (benches that pay start one and set its URL).
  STRIPE_SECRET_KEY: "",
  STRIPE_API_URL: inherited("STRIPE_API_URL", () => "http://127.0.0.1:12111"),
});

/** `--quick` on the command line: short settings (a few seconds of load), for smoke runs. */
export const isQuick = (args: readonly string[]): boolean => args.includes("--quick");

/**
 * For benches that run services in their own process (no child server): the run's secrets where
 * those services read them (AUTH_SECRET for the signed reply addresses, ...). Never overrides a
 * variable the shell set.
 */
export function useBenchEnvInProcess(): Record<string, string | undefined> {
  const env = benchEnv();
  for (const [name, value] of Object.entries(env)) if (value !== undefined && process.env[name] === undefined) process.env[name] = value;
  return env;
}

/** Where `npm run bench` collects the rows of its table (results.ts); unset when a bench runs alone. */
export const benchResultsFile = (): string | undefined => process.env.BENCH_RESULTS_FILE || undefined;

/**
 * The rate limits of the buyer's paths turned off (0): one machine plays every buyer from one
 * address. `limit` instead keeps each limiter running (its Redis calls) at a rate the load never reaches.
 */
export const buyerRateLimits = (limit = "0", policies: readonly string[] = ["POLL", "JOIN", "HOLD"]): Record<string, string> =>
  Object.fromEntries(
    policies.flatMap((policy) => [
      [`RATE_LIMIT_${policy}_PER_MINUTE`, limit],
      [`RATE_LIMIT_${policy}_PER_CART_PER_MINUTE`, limit],
    ]),
  );

/** The standalone API server's environment on 127.0.0.1:`port`, production mode, with the run's database and Redis prefix. */
export const apiServerEnv = (env: Record<string, string | undefined>, server: { databaseUrl: string; redisPrefix: string; port: number }) => ({
  ...env,
  NODE_ENV: "production",
  DATABASE_URL: server.databaseUrl,
  REDIS_PREFIX: server.redisPrefix,
  API_HOST: "127.0.0.1",
  API_PORT: String(server.port),
});
