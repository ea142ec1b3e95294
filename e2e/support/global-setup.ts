// Starts the real stack for the suite: an isolated, migrated and seeded database, the three apps
// built by turbo and served by `next start`, and the workers, all on ports of their own. The
// returned function is Playwright's teardown: it stops what was started and drops the database.
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, TEST_TICKET_KEY_SECRET } from "@marquee/db/testing";
import { findOrStartPostgres } from "@marquee/dev/services/postgres";
import { createStack } from "@marquee/dev/stack";
import { deleteRedisKeys } from "./redis-cleanup.ts";
import { e2eConfig, shareTestDatabaseUrl } from "./env.ts";

const e2eDir = dirname(dirname(fileURLToPath(import.meta.url)));
const logFile = join(e2eDir, "test-results", "stack.log");
/** Everything Marquee writes to Redis starts with "marquee" (queues, sign-in counters). */
const REDIS_KEYS = "marquee*";
/** In the order of the worker port lists in support/env.ts. */
const WORKER_ROLES = ["BOOKING", "PAYMENT", "INVOICE", "NOTIFICATION", "ANALYTICS"];

export default async function globalSetup(): Promise<() => Promise<void>> {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: "a" });
  const logFor = (name: string) => (line: string) => void log.write(`[${name}] ${line}\n`);
  const startedAt = performance.now();
  let redisStartedByStack = false;
  const where = relative(process.cwd(), logFile);
  console.info(`e2e: starting the stack (services, database, turbo build, next start, workers); output in ${where}`);

  const stopped: (() => Promise<unknown>)[] = [];
  const teardown = async () => {
    // Last started, first stopped; one failing step does not keep the others from running.
    for (const stop of stopped.reverse()) await stop().catch((error: unknown) => console.warn(`e2e: teardown: ${String(error)}`));
    await new Promise<void>((resolve) => log.end(resolve));
  };

  try {
    // The database server must answer before a test database can be cloned on it.
    const postgres = await findOrStartPostgres({ databaseUrl: e2eConfig.baseDatabaseUrl, log: logFor("postgres") });
    stopped.push(() => postgres.stop());
    const database = await createTestDatabase(e2eConfig.baseDatabaseUrl);
    stopped.push(() => database.drop());
    shareTestDatabaseUrl(database.url);

    // The suite's Redis keys live in a database index of their own (see support/env.ts). Not a
    // REDIS_PREFIX: the workers read one but the apps' queue client does not, so a prefix would
    // split producers from consumers. Leftovers of an aborted run (sign-in counters) go first.
    await deleteRedisKeys(e2eConfig.redisUrl, REDIS_KEYS).catch(() => {});
    stopped.push(async () => {
      // A redis-server the stack started kept nothing on disk and is gone by now.
      if (!redisStartedByStack) await deleteRedisKeys(e2eConfig.redisUrl, REDIS_KEYS);
    });

    const { urls, ports } = e2eConfig;
    const stack = createStack({
      env: {
        DATABASE_URL: database.url,
        REDIS_URL: e2eConfig.redisUrl,
        // A fresh secret per run: no cookie from another run or from development is ever valid.
        AUTH_SECRET: randomBytes(32).toString("hex"),
        ADMISSION_TOKEN_SECRET: randomBytes(32).toString("hex"),
        SOKETI_APP_SECRET: randomBytes(32).toString("hex"),
        // The factories' secret: events the specs create (support/shop-data.ts) get keys the stack can use.
        TICKET_KEY_SECRET: TEST_TICKET_KEY_SECRET,
        // Wallet passes signed with generated development credentials (the apps run under next start).
        WALLET_DEVELOPMENT_CREDENTIALS: "true",
        // The webhook spec's receiver listens on 127.0.0.1.
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
        WEB_URL: urls.web,
        ADMIN_URL: urls.admin,
        CHECKIN_URL: urls.checkin,
        SOKETI_PORT: String(ports.soketi),
        SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
        MAILCATCHER_HTTP_PORT: String(ports.mailHttp),
        MAILCATCHER_URL: `http://127.0.0.1:${ports.mailHttp}`,
        API_PORT: String(ports.api),
        // The local Stripe test server (started by the stack), webhooks signed with a per-run secret.
        STRIPE_SECRET_KEY: "",
        STRIPE_API_URL: `http://127.0.0.1:${ports.stripe}`,
        STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString("hex")}`,
        LOG_LEVEL: "warn",
        ...Object.fromEntries(
          WORKER_ROLES.flatMap((role, index) => [
            [`${role}_GRPC_PORT`, String(ports.workerGrpc[index])],
            [`${role}_HTTP_PORT`, String(ports.workerHttp[index])],
          ]),
        ),
      },
      redisPersistence: "none",
      logFor,
    });
    stopped.push(() => stack.stop());
    const info = await stack.start();
    redisStartedByStack = info.services.redis?.startedByUs ?? false;
    const phases = Object.entries(info.timings)
      .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`)
      .join(", ");
    console.info(
      `e2e: stack ready in ${((performance.now() - startedAt) / 1000).toFixed(0)} s (${phases}): ${info.urls.web} ${info.urls.admin} ${info.urls.checkin}`,
    );
  } catch (error) {
    await teardown().catch(() => {});
    throw new Error(`The e2e stack did not start: ${error instanceof Error ? error.message : String(error)} (see ${where})`, { cause: error });
  }
  return teardown;
}
