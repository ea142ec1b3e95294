// The five workers as real processes (tsx src/main.ts <role>) with the local Stripe server and an
// SMTP catcher in the test process: the stack the purchase and fault tests run against.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readStripeEnv } from "@marquee/api/env";
import { createQueueClient, type QueueClient } from "@marquee/api/jobs";
import { createLocalFileStore } from "@marquee/api/services/files/local-file-store";
import { createStripeSettings, type StripeSettings } from "@marquee/api/services/payments/stripe-client";
import { startTestApiServer } from "@marquee/api/testing/api-server";
import { createDb, type Db } from "@marquee/db";
import { TEST_TICKET_KEY_SECRET, testDatabaseUrl } from "@marquee/db/testing";
import { startMailCatcher, type MailCatcher } from "@marquee/dev/services/mail-catcher";
import { startStripeTestServer, type StripeTestServer } from "@marquee/dev/services/stripe-local/index";
import { ROLES, type TRole } from "../../src/env.ts";
import { freePorts, killAll, spawnWorker, type TWorkerProcess, uniquePrefix, waitForHealthy } from "./processes.ts";
import { connectTestRedis, deleteKeysWithPrefix, testRedisEnv } from "./redis-keys.ts";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { afterAll, beforeAll } from "vitest";

export interface TWorkerStack {
  env: Record<string, string>;
  stripeServer: StripeTestServer;
  catcher: MailCatcher;
  filesDir: string;
  /** Each role's /healthz and /metrics port. */
  httpPorts: Record<TRole, number>;
  /** With `supervised`: the one `main.ts all` process that runs (and restarts) every role. */
  supervisor: TWorkerProcess | undefined;
  /** SIGKILL (no shutdown handler runs), then the same role again, healthy (unsupervised stacks). */
  killAndRestart(role: TRole): Promise<void>;
  /** Every e-mail caught for `address`. */
  mailTo(address: string): ReturnType<MailCatcher["messages"]>;
  stop(): Promise<void>;
}

/**
 * Starts the stack under `prefix`; `env` adds or overrides worker variables. `supervised`: the
 * roles run under one `main.ts all` supervisor (as `npm start` runs them) instead of one process each.
 */
export async function startWorkerStack(
  prefix: string,
  env: Record<string, string> = {},
  stripeOptions: Parameters<typeof startStripeTestServer>[0] = {},
  { supervised = false }: { supervised?: boolean } = {},
): Promise<TWorkerStack> {
  const stripeServer = await startStripeTestServer(stripeOptions);
  const ports = await freePorts(2 + ROLES.length * 2);
  const catcher = await startMailCatcher({ smtpPort: ports[0]!, httpPort: ports[1]! });
  const filesDir = mkdtempSync(join(tmpdir(), "marquee-stack-"));
  const workerEnv: Record<string, string> = {
    WORKER_HOST: "127.0.0.1",
    ...testRedisEnv(),
    REDIS_PREFIX: prefix,
    DATABASE_URL: testDatabaseUrl(),
    LOG_LEVEL: "warn",
    STRIPE_SECRET_KEY: "",
    STRIPE_API_URL: stripeServer.url,
    SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}`,
    FILE_STORAGE_DIR: filesDir,
    TICKET_KEY_SECRET: TEST_TICKET_KEY_SECRET,
    ...env,
  };
  const httpPorts = {} as Record<TRole, number>;
  ROLES.forEach((role, index) => {
    workerEnv[`${role.toUpperCase()}_GRPC_PORT`] = String(ports[2 + index * 2]);
    workerEnv[`${role.toUpperCase()}_HTTP_PORT`] = String(ports[3 + index * 2]);
    httpPorts[role] = ports[3 + index * 2]!;
  });
  const workers = new Map<TRole, TWorkerProcess>();
  const startWorker = async (role: TRole) => {
    const worker = spawnWorker([role], workerEnv);
    workers.set(role, worker);
    await waitForHealthy(`http://127.0.0.1:${httpPorts[role]}/healthz`, worker);
  };
  let supervisor: TWorkerProcess | undefined;
  if (supervised) {
    supervisor = spawnWorker(["all"], workerEnv);
    await Promise.all(ROLES.map((role) => waitForHealthy(`http://127.0.0.1:${httpPorts[role]}/healthz`, supervisor!, 60_000)));
  } else {
    await Promise.all(ROLES.map(startWorker));
  }

  return {
    env: workerEnv,
    stripeServer,
    catcher,
    filesDir,
    httpPorts,
    supervisor,
    async killAndRestart(role) {
      const worker = workers.get(role)!;
      process.kill(-worker.child.pid!, "SIGKILL");
      await worker.exited;
      await startWorker(role);
    },
    mailTo: (address) => catcher.messages().filter((message) => message.to.includes(address)),
    async stop() {
      await Promise.all([...workers.values(), ...(supervisor ? [supervisor] : [])].map((worker) => worker.stop("SIGTERM", 15_000)));
      await catcher.close();
      await stripeServer.stop();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** The test's own clients beside the stack: PostgreSQL, Redis and the queue client under `prefix`. */
export interface TStackClients {
  db: Db;
  redis: RedisClient;
  queues: QueueClient;
}

export function connectStackClients(prefix: string): TStackClients {
  const redis = connectTestRedis();
  return { db: createDb(testDatabaseUrl(), { max: 4 }), redis, queues: createQueueClient(redis, prefix) };
}

/** Closes the clients and deletes every key under `prefix` (after the stack has stopped). */
export async function closeStackClients({ db, redis, queues }: TStackClients, prefix: string): Promise<void> {
  await queues.close();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await db.$disconnect();
}

/** The stack behind the standalone API server, with the test's own clients. */
export interface TPurchaseStack extends TStackClients {
  stack: TWorkerStack;
  /** The buyer's side of the local Stripe server. */
  stripe: StripeSettings;
  /** The API server's origin: REST and the Stripe webhook endpoint. */
  base: string;
}

/**
 * For a test file: the stack under a fresh prefix named after `name` (`env` and `supervised` as
 * startWorkerStack takes them) and in front of it the standalone API server on a free port, with
 * the stack's file store; the local Stripe server signs its webhooks and sends them there. The
 * fields are filled in beforeAll; afterAll stops everything and deletes the prefix's keys.
 */
export function usePurchaseStack(name: string, { env = {}, supervised = false, timeoutMs = 60_000 } = {}): TPurchaseStack {
  const prefix = uniquePrefix(name);
  const webhookSecret = `whsec_${name}_${crypto.randomUUID().replaceAll("-", "")}`;
  const system = {} as TPurchaseStack;
  let closeApi = async () => {};
  beforeAll(async () => {
    Object.assign(system, connectStackClients(prefix));
    system.stack = await startWorkerStack(prefix, env, { webhook: { url: null, secret: webhookSecret } }, { supervised });
    system.stripe = createStripeSettings(
      readStripeEnv({ NODE_ENV: "test", STRIPE_API_URL: system.stack.stripeServer.url, STRIPE_WEBHOOK_SECRET: webhookSecret }),
      { maxNetworkRetries: 0 },
    );
    const api = await startTestApiServer({ ...system, redisPrefix: prefix }, { stripe: system.stripe, files: createLocalFileStore(system.stack.filesDir) });
    ({ base: system.base, close: closeApi } = api);
    system.stack.stripeServer.setWebhookEndpoint(`${api.base}/api/webhooks/stripe`, webhookSecret);
  }, timeoutMs);
  afterAll(async () => {
    await closeApi();
    killAll();
    await system.stack?.stop();
    await closeStackClients(system, prefix);
  });
  return system;
}
