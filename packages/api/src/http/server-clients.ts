import { ConfigError } from "@marquee/config/env";
import { checkAdmissionTokenConfig } from "../services/queue/admission-token.ts";
import { createDb, type Db } from "@marquee/db";
import { type AppName, sessionCookieName } from "../auth/options.ts";
import type { RestDeps } from "../rest/handler.ts";
import { clientIpBehindNext, parseTrustedProxies, type TrustedProxies, UNKNOWN_CLIENT_IP } from "./client-ip.ts";
import { BODY_LIMITS, readFetchText } from "./body-limit.ts";
import { handleStripeWebhook } from "./stripe-webhook-http.ts";
import type { AppSessionDeps } from "./trpc-fetch.ts";
import { allowedOriginsFor } from "./allowed-origins.ts";
import { readApiEnv, type ApiEnv } from "../env.ts";
import { createRedisClient, type RedisClient } from "../lib/redis-client.ts";
import { createQueueClient, type QueueClient } from "../jobs/queue-client.ts";
import { readRealtimeEnv, realtimeConfigFromEnv } from "../realtime/env.ts";
import { createRealtimePublisher, type RealtimePublisher } from "../realtime/publisher.ts";
import { createStripeSettings, type StripeSettings } from "../services/payments/stripe-client.ts";
import { readLogEnv, readStripeEnv } from "../env.ts";
import type { FileStore } from "../services/files/file-store.ts";
import { createLocalFileStore } from "../services/files/local-file-store.ts";
import { DOCUMENT_PATH, documentToken, handleDocumentDownload } from "./document-download-http.ts";

export interface ServerClients {
  env: ApiEnv;
  db: Db;
  /** DATABASE_READ_URL's client (the public catalogue reads), else `db` itself. */
  dbRead: Db;
  redis: RedisClient;
  redisPrefix: string;
  queues: QueueClient;
  /** Live updates to Soketi (SOKETI_*). */
  realtime: RealtimePublisher;
  /** Stripe, or the local Stripe-compatible test server (STRIPE_*). */
  stripe: StripeSettings;
  /** Stored documents (FILE_STORAGE_DIR): invoice PDFs the buyer and organiser download. */
  files: FileStore;
  trustedProxies: TrustedProxies;
}

const cache = globalThis as { marqueeServerClients?: ServerClients };

/**
 * The Next apps' clients, created once per process (and kept across dev-server reloads). This is
 * the apps' composition root; services never reach for it, they receive clients in a context.
 */
export function getServerClients(): ServerClients {
  if (!cache.marqueeServerClients) {
    const env = readApiEnv();
    const redis = createRedisClient({ url: env.REDIS_URL, clusterNodes: env.REDIS_CLUSTER_NODES }, { maxRetriesPerRequest: 3, lazyConnect: true });
    const db = createDb(env.DATABASE_URL);
    cache.marqueeServerClients = {
      env,
      db,
      dbRead: env.DATABASE_READ_URL ? createDb(env.DATABASE_READ_URL) : db,
      redis,
      redisPrefix: env.REDIS_PREFIX,
      queues: createQueueClient(redis, env.REDIS_PREFIX),
      realtime: createRealtimePublisher(realtimeConfigFromEnv(readRealtimeEnv())),
      stripe: createStripeSettings(readStripeEnv()),
      files: createLocalFileStore(env.FILE_STORAGE_DIR),
      trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES),
    };
  }
  return cache.marqueeServerClients;
}

/** Closes the clients getServerClients made, if it made any, and forgets them (tests that change the environment). */
export async function closeServerClients(): Promise<void> {
  const clients = cache.marqueeServerClients;
  if (!clients) return;
  cache.marqueeServerClients = undefined;
  await disconnectClients(clients);
}

/** Closes the queues, then quits Redis and disconnects PostgreSQL (the read replica's client too). */
export async function disconnectClients(clients: Pick<ServerClients, "queues" | "redis" | "db" | "dbRead">): Promise<void> {
  await clients.queues.close();
  await Promise.all([clients.redis.quit(), clients.db.$disconnect(), clients.dbRead !== clients.db && clients.dbRead.$disconnect()]);
}

/**
 * Validates the server configuration when a Next server starts (instrumentation `register`), so
 * a production deployment with a missing secret or a malformed URL stops at once with one line
 * naming the variable, instead of failing its first request.
 */
export function assertServerConfiguration(): void {
  try {
    readApiEnv();
    readLogEnv();
    readRealtimeEnv();
    readStripeEnv();
    checkAdmissionTokenConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** The web app's route handler at /api/webhooks/stripe. */
export function createNextStripeWebhookHandler() {
  return async (req: Request): Promise<Response> => {
    const { stripe, queues } = getServerClients();
    const response = await handleStripeWebhook(
      { stripe, queues },
      req.method,
      () => readFetchText(req, BODY_LIMITS.webhook),
      req.headers.get("stripe-signature"),
    );
    return new Response(response.body, { status: response.status, headers: response.headers });
  };
}

/** The web app's route handler at /api/documents/[token]: signed PDF downloads. */
export function createNextDocumentDownloadHandler() {
  return async (req: Request): Promise<Response> => {
    const { db, files, redis, redisPrefix, trustedProxies } = getServerClients();
    const token = documentToken(new URL(req.url).pathname);
    const ip = clientIpBehindNext(req.headers.get("x-forwarded-for"), trustedProxies);
    const response = token
      ? await handleDocumentDownload({ db, files, redis, redisPrefix }, { method: req.method, ip: ip ?? UNKNOWN_CLIENT_IP }, token)
      : {
          status: 404,
          headers: { "content-type": "application/json; charset=utf-8" },
          body: JSON.stringify({ error: { code: "NOT_FOUND", message: `Documents live under ${DOCUMENT_PATH}/<token>.` } }),
        };
    return new Response(response.body === null ? null : typeof response.body === "string" ? response.body : new Uint8Array(response.body), {
      status: response.status,
      headers: response.headers,
    });
  };
}

/** This app's public origin; cookies are Secure exactly when it is served over https. */
export function appOrigin(env: ApiEnv, app: AppName): URL {
  return new URL(app === "web" ? env.WEB_URL : app === "admin" ? env.ADMIN_URL : env.CHECKIN_URL);
}

/** What the HTTP adapters (tRPC, REST, standalone) need, for the given app's cookie. */
export function serverHttpDeps(app: AppName): RestDeps & AppSessionDeps {
  const { env, db, dbRead, redis, redisPrefix, queues, realtime, stripe, files } = getServerClients();
  return {
    files,
    db,
    dbRead,
    redis,
    redisPrefix,
    queues,
    realtime,
    stripe,
    app,
    authSecret: env.AUTH_SECRET,
    sessionCookieName: sessionCookieName(app, appOrigin(env, app).protocol === "https:"),
    allowedOrigins: allowedOriginsFor(env, app),
  };
}
