import { isIP } from "node:net";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  allowsDevDefaults,
  createEnv,
  devOnlyDefault,
  flag,
  isProduction,
  port,
  redisClusterNodes,
  secret,
  urlWith,
  type EnvSource,
} from "@marquee/config/env";
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
// packages/api/src -> the repository root, against which a relative FILE_STORAGE_DIR is resolved.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const perMinute = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/** INBOUND_EMAIL_DOMAIN: where buyers' e-mail to support arrives (lower-cased). */
export const ZInboundEmailDomain = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z0-9-]{1,63}$/, "must be a domain name, e.g. inbound.example.com")
  .default("inbound.marquee.local")
  .transform((domain) => domain.toLowerCase());

const fulfilmentShape = {
  // Outgoing e-mail (invoices, tickets, notices).
  SMTP_URL: urlWith("smtp:", "smtps:").default("smtp://127.0.0.1:1025"),
  MAIL_FROM: z.string().min(3).default("Marquee <tickets@marquee.local>"),
  // How long a sender that died mid-send keeps an e-mail's once-only key before another may send it.
  MAIL_LEASE_SECONDS: z.coerce.number().int().min(5).max(86_400).default(600),
  // The domain inbound support mail arrives at (reply+<token>@ and each organisation's support address).
  INBOUND_EMAIL_DOMAIN: ZInboundEmailDomain,
  // Generated files (invoice PDFs): an absolute path, or relative to the repository root.
  FILE_STORAGE_DIR: z
    .string()
    .min(1)
    .default("./var/files")
    .transform((dir) => (isAbsolute(dir) ? dir : resolve(repoRoot, dir))),
};

/**
 * What the order saga needs (the payment worker): mail, files, the ticket-key secret, and the web
 * origin for links. Narrower than readApiEnv, so a worker needs no AUTH_SECRET.
 */
export const readFulfilmentEnv = (source: Record<string, string | undefined> = process.env) =>
  createEnv(
    {
      ...fulfilmentShape,
      WEB_URL: urlWith("http:", "https:").default("http://localhost:3000"),
      // The console's origin, for links in e-mails to organisers (refund requests).
      ADMIN_URL: urlWith("http:", "https:").default("http://localhost:3001"),
      TICKET_KEY_SECRET: secret("dev-only-ticket-key-secret-change-me", source),
    },
    source,
  );

export type FulfilmentEnv = ReturnType<typeof readFulfilmentEnv>;

/** INBOUND_EMAIL_DOMAIN alone (the acknowledgement's Reply-To when its caller passes none). */
export const readInboundEmailDomain = (source: EnvSource = process.env): string =>
  createEnv({ INBOUND_EMAIL_DOMAIN: ZInboundEmailDomain }, source).INBOUND_EMAIL_DOMAIN;

/**
 * The inbound mail endpoint (POST /api/inbound-email on the console): INBOUND_EMAIL_SECRET, its
 * Bearer secret (no default outside development and test), and its requests per minute per IP.
 */
export const readInboundEmailEnv = (source: EnvSource = process.env) =>
  createEnv(
    {
      INBOUND_EMAIL_SECRET: secret("dev-only-inbound-email-secret-change-me", source),
      RATE_LIMIT_INBOUND_EMAIL_PER_MINUTE: perMinute(600),
    },
    source,
  );

const proxyShape = {
  // Comma-separated IPs/CIDRs of reverse proxies whose X-Forwarded-For is believed.
  TRUSTED_PROXIES: z.string().default("").refine(isAddressList, { message: "must be comma-separated IP addresses or CIDRs (e.g. 10.0.0.0/8,127.0.0.1)" }),
};

/** What the apps' edge server (http/next-edge-server.ts) needs before Next starts: its port and the trusted proxies. */
export const readEdgeEnv = (source: Record<string, string | undefined> = process.env) =>
  createEnv({ ...proxyShape, PORT: z.coerce.number().int().min(0).max(65535).default(0) }, source);

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** LOG_LEVEL of the JSON logs the API code writes (observability/logger.ts), as the workers read it. */
export const readLogEnv = (source: EnvSource = process.env) => createEnv({ LOG_LEVEL: z.enum(LOG_LEVELS).default("info") }, source);

export const readApiEnv = (source: Record<string, string | undefined> = process.env) =>
  createEnv(
    {
      NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
      DATABASE_URL: urlWith("postgres:", "postgresql:").default("postgresql://postgres@127.0.0.1:5432/marquee"),
      // A read-only replica for the public catalogue reads (event listing, search, event page); unset: DATABASE_URL.
      DATABASE_READ_URL: urlWith("postgres:", "postgresql:").optional(),
      REDIS_URL: urlWith("redis:", "rediss:").default("redis://127.0.0.1:6379"),
      // Seed nodes of a Redis Cluster; when set, REDIS_URL is not used.
      REDIS_CLUSTER_NODES: redisClusterNodes(),
      // Namespace for every Redis key and queue; the workers read the same variable.
      REDIS_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9._-]+$/)
        .default("marquee"),
      AUTH_SECRET: secret("dev-only-auth-secret-change-me-in-production", source),
      WEB_URL: urlWith("http:", "https:").default("http://localhost:3000"),
      ADMIN_URL: urlWith("http:", "https:").default("http://localhost:3001"),
      CHECKIN_URL: urlWith("http:", "https:").default("http://localhost:3002"),
      // Accept http://127.0.0.1:3000 and http://[::1]:3000 where http://localhost:3000 is configured
      // (same scheme and port). On by default in development and tests; `npm start` turns it on for
      // its apps, which `next start` runs with NODE_ENV=production. Leave it off in production.
      ACCEPT_LOOPBACK_ALIASES: flag(allowsDevDefaults(source)),
      // The standalone API server (tRPC + REST without Next) for the hot public paths.
      API_HOST: z.string().min(1).default("127.0.0.1"),
      API_PORT: port(3010),
      // Its shutdown (http/drain.ts): requests still running this long after SIGTERM are cut off
      // (exit 1). 25 s fits Kubernetes' default 30 s termination grace period.
      SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
      // Within that grace, how long /healthz answers 503 while the server still serves, so a load
      // balancer or Kubernetes stops sending traffic first (e.g. 5000 there); 0: none.
      SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
      ...proxyShape,
      // Requests per minute per client IP / per cart token; 0 turns that limit off.
      RATE_LIMIT_POLL_PER_MINUTE: perMinute(600),
      RATE_LIMIT_POLL_PER_CART_PER_MINUTE: perMinute(300),
      RATE_LIMIT_JOIN_PER_MINUTE: perMinute(30),
      RATE_LIMIT_JOIN_PER_CART_PER_MINUTE: perMinute(5),
      RATE_LIMIT_HOLD_PER_MINUTE: perMinute(60),
      RATE_LIMIT_HOLD_PER_CART_PER_MINUTE: perMinute(20),
      // Signed PDF downloads (/api/documents/<token>) per client IP.
      RATE_LIMIT_DOCUMENT_PER_MINUTE: perMinute(30),
      // Organiser REST (Authorization: Bearer): per API token, and per client IP (before the token is checked).
      RATE_LIMIT_API_TOKEN_PER_MINUTE: perMinute(600),
      RATE_LIMIT_API_TOKEN_PER_IP_PER_MINUTE: perMinute(1200),
      ...fulfilmentShape,
    },
    source,
  );

export type ApiEnv = ReturnType<typeof readApiEnv>;

/**
 * Prometheus /metrics of an API process (the standalone server, the web, console and check-in
 * apps), on a port of its own so the public port never answers it. METRICS_PORT unset or empty: no
 * metrics server (the default; processes that share a host need a port each).
 */
export const readMetricsEnv = (source: EnvSource = process.env) =>
  createEnv(
    {
      METRICS_HOST: z.string().min(1).default("127.0.0.1"),
      METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    },
    source,
  );

export type MetricsEnv = ReturnType<typeof readMetricsEnv>;

/**
 * STRIPE_SECRET_KEY: a real key uses Stripe itself; empty (dev, test, demo) uses the local
 * Stripe-compatible test server at STRIPE_API_URL. Production (NODE_ENV neither development nor
 * test) needs a real key, or STRIPE_API_URL set on purpose.
 * STRIPE_WEBHOOK_SECRET signs the webhooks (whsec_...).
 */
export const readStripeEnv = (source: EnvSource = process.env) =>
  createEnv(
    {
      STRIPE_SECRET_KEY: z
        .string()
        .default("")
        .refine((key) => key === "" || /^(sk|rk)_(test|live)_/.test(key), {
          message: "must be a Stripe secret key (sk_test_..., sk_live_...) or empty for the local test server",
        })
        // In production the local test server must be chosen on purpose (STRIPE_API_URL set, as the
        // demo's `npm start` does); a missing key alone is a configuration error.
        .refine((key) => key !== "" || !isProduction(source) || Boolean(source.STRIPE_API_URL), {
          message: "is required in production (or set STRIPE_API_URL to use the local Stripe test server on purpose)",
        }),
      STRIPE_API_URL: urlWith("http:", "https:").default("http://127.0.0.1:12111"),
      STRIPE_WEBHOOK_SECRET: devOnlyDefault(z.string().startsWith("whsec_"), "whsec_marquee_local_development_secret", source),
    },
    source,
  );

export type StripeEnv = ReturnType<typeof readStripeEnv>;
