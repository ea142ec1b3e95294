// The real stack for the abuse suite, brought up the way the e2e suite brings up its own
// (e2e/support/global-setup.ts): a fresh migrated + seeded database, the three Next apps under
// `next start`, the standalone API server, the workers, Soketi, the local Stripe server and the
// SMTP catcher, all on free ports. X-Forwarded-For is trusted from nobody (TRUSTED_PROXIES empty).
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { createTestDatabase, TEST_TICKET_KEY_SECRET } from "@marquee/db/testing";
import { findFreePort } from "@marquee/dev/services/net";
import { findOrStartPostgres } from "@marquee/dev/services/postgres";
import { lastLines } from "@marquee/dev/services/postgres-data-dir";
import { createStack, type StackUrls } from "@marquee/dev/stack";
import { Redis } from "ioredis";
import { securityConfig } from "./env.ts";

/** Requests per minute per client address for the "join" policy (cart.create, queue.join) in this stack. */
export const JOIN_LIMIT_PER_MINUTE = 20;

const WORKER_ROLES = ["BOOKING", "PAYMENT", "INVOICE", "NOTIFICATION", "ANALYTICS"];
/** Everything Marquee writes to Redis starts with "marquee" (queues, rate-limit buckets, sign-in counters). */
const REDIS_KEYS = "marquee*";

export interface SecurityStackInfo {
  urls: StackUrls;
  databaseUrl: string;
}

export interface SecurityStack {
  start(): Promise<SecurityStackInfo>;
  /** Stops what has started so far (also while starting), drops the database, clears the Redis keys. */
  stop(): Promise<void>;
}

async function deleteRedisKeys(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: REDIS_KEYS, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}

async function stackEnv(databaseUrl: string): Promise<Record<string, string>> {
  const port = () => findFreePort();
  const [web, admin, checkin, api, soketi, smtp, mailHttp, stripe] = await Promise.all([port(), port(), port(), port(), port(), port(), port(), port()]);
  const workerPorts = await Promise.all(WORKER_ROLES.flatMap(() => [port(), port()]));
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: securityConfig.redisUrl,
    // Fresh secrets per run, every one stated: nothing may fall back to a development default.
    AUTH_SECRET: randomBytes(32).toString("hex"),
    ADMISSION_TOKEN_SECRET: randomBytes(32).toString("hex"),
    TICKET_KEY_SECRET: TEST_TICKET_KEY_SECRET,
    SOKETI_APP_ID: "security-app",
    SOKETI_APP_KEY: `key-${randomBytes(8).toString("hex")}`,
    SOKETI_APP_SECRET: randomBytes(24).toString("hex"),
    WEB_URL: `http://localhost:${web}`,
    ADMIN_URL: `http://localhost:${admin}`,
    CHECKIN_URL: `http://localhost:${checkin}`,
    API_PORT: String(api),
    SOKETI_PORT: String(soketi),
    SMTP_URL: `smtp://127.0.0.1:${smtp}`,
    MAILCATCHER_HTTP_PORT: String(mailHttp),
    MAILCATCHER_URL: `http://127.0.0.1:${mailHttp}`,
    STRIPE_SECRET_KEY: "",
    STRIPE_API_URL: `http://127.0.0.1:${stripe}`,
    STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString("hex")}`,
    // The forged X-Forwarded-For attack needs a origin that trusts no proxy.
    TRUSTED_PROXIES: "",
    RATE_LIMIT_JOIN_PER_MINUTE: String(JOIN_LIMIT_PER_MINUTE),
    LOG_LEVEL: "warn",
    ...Object.fromEntries(
      WORKER_ROLES.flatMap((role, index) => [
        [`${role}_GRPC_PORT`, String(workerPorts[2 * index])],
        [`${role}_HTTP_PORT`, String(workerPorts[2 * index + 1])],
      ]),
    ),
  };
}

/**
 * `start()` brings everything up; on failure it stops what had started and rethrows. `build:
 * "always"` runs the turbo build (a cache hit after e2e or on an unchanged tree), "if-missing"
 * reuses any `.next` build.
 */
export function createSecurityStack(options: { build: "always" | "if-missing"; logFile: string; log: (line: string) => void }): SecurityStack {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const logStream = createWriteStream(options.logFile, { flags: "w" });
  const logFor = (name: string) => (line: string) => void logStream.write(`[${name}] ${line}\n`);
  const stopped: (() => Promise<unknown>)[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const step of stopped.reverse()) await step().catch((error: unknown) => options.log(`teardown: ${String(error)}`));
      await new Promise<void>((resolve) => logStream.end(resolve));
    })());
  const checkNotStopped = () => {
    if (stopping) throw new Error("stopped while starting");
  };
  const start = async (): Promise<SecurityStackInfo> => {
    try {
      const postgres = await findOrStartPostgres({ databaseUrl: securityConfig.baseDatabaseUrl, log: logFor("postgres") });
      stopped.push(() => postgres.stop());
      const database = await createTestDatabase(securityConfig.baseDatabaseUrl);
      stopped.push(() => database.drop());
      checkNotStopped();
      // Rate-limit buckets and sign-in counters of an earlier run would skew the figures.
      await deleteRedisKeys(securityConfig.redisUrl).catch(() => {});
      stopped.push(() => deleteRedisKeys(securityConfig.redisUrl));

      const startedAt = performance.now();
      options.log(`starting the stack (services, database, build, next start, API server, workers); output in ${relative(process.cwd(), options.logFile)}`);
      const stack = createStack({ env: await stackEnv(database.url), build: options.build, redisPersistence: "none", logFor });
      stopped.push(() => stack.stop());
      const info = await stack.start();
      const phases = Object.entries(info.timings)
        .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`)
        .join(", ");
      options.log(`stack ready in ${((performance.now() - startedAt) / 1000).toFixed(0)} s (${phases})`);
      return { urls: info.urls, databaseUrl: database.url };
    } catch (error) {
      await stop().catch(() => {});
      // The log's last lines say why (a worker that could not bind, a crash at start-up), where a CI log's tail shows them.
      for (const line of lastLines(options.logFile, STARTUP_FAILURE_LINES)) options.log(`stack.log: ${line}`);
      throw new Error(`The stack did not start: ${error instanceof Error ? error.message : String(error)} (see ${relative(process.cwd(), options.logFile)})`, {
        cause: error,
      });
    }
  };
  return { start, stop };
}

/** Lines of the stack's log printed when it did not start. */
const STARTUP_FAILURE_LINES = 40;

export const defaultLogFile = (root: string) => join(root, "tooling", "security", "test-results", "stack.log");
