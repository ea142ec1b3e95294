// Part 1's stack, all the run's own: a database with one on-sale GA event, Soketi, the local
// Stripe-compatible server and the mail catcher (in this process, on the load CPU), the standalone
// API server and the five worker roles as child processes pinned to the server CPU.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readStripeEnv } from "@marquee/api/env";
import { createStripeSettings, type StripeSettings } from "@marquee/api/services/payments/stripe-client";
import { createDb, type Db } from "@marquee/db";
import { createTestDatabase, TEST_TICKET_KEY_SECRET } from "@marquee/db/testing";
import { startMailCatcher, type MailCatcher } from "@marquee/dev/services/mail-catcher";
import { findOrStartSoketi } from "@marquee/dev/services/soketi";
import { startStripeTestServer, type StripeTestServer } from "@marquee/dev/services/stripe-local/index";
import { type JsonClient, jsonClient } from "../../../../packages/api/bench/lib/http-json.ts";
import { deferCleanup, SERVER_CPU } from "../../../../packages/api/bench/lib/load.ts";
import { ROLES } from "../../src/env.ts";
import { freePorts, ROOT, startChild, type TBenchChild, tsxCommand, waitForHealthy, WORKERS_DIR } from "./processes.ts";
import { buyerRateLimits } from "../../../../packages/api/bench/lib/env.ts";
import { benchGaEvent } from "../../../../packages/api/bench/lib/bench-event.ts";

const SOKETI_APP = { appId: "bench", key: "bench-key", secret: "bench-secret-0123456789" };

export interface TOrderStackOptions {
  env: Record<string, string | undefined>;
  redisPrefix: string;
  /** Orders the run will place (sizes the mail catcher's memory). */
  orders: number;
  /** Buyers in flight (sizes the HTTP agent). */
  concurrency: number;
  /** --cpu-prof of the API server and every role into <profileDir>/<name> (written when they stop). */
  profileDir?: string | null;
}

export interface TOrderStack {
  db: Db;
  api: JsonClient & { close(): void };
  stripeServer: StripeTestServer;
  /** The official SDK, pointed at the local server: the buyer's card confirmation. */
  stripe: StripeSettings;
  catcher: MailCatcher;
  eventId: string;
  ticketTypeId: string;
  organizationId: string;
  redisPrefix: string;
  /** Every role gets the same environment (all ten worker ports included). */
  roleEnv: Record<string, string | undefined>;
  children: TBenchChild[];
  stop(): Promise<void>;
}

/** Starts everything, healthy; `stop()` (also run on Ctrl-C through deferCleanup) removes it all. */
export async function startOrderStack(options: TOrderStackOptions): Promise<TOrderStack> {
  const database = await createTestDatabase(options.env.DATABASE_URL);
  const db = createDb(database.url, { max: 4 });
  const filesDir = mkdtempSync(join(tmpdir(), "marquee-bench-checkout-files-"));
  const children: TBenchChild[] = [];
  const stoppers: (() => Promise<unknown>)[] = [];
  let api: (JsonClient & { close(): void }) | undefined;
  const stop = deferCleanup(async () => {
    api?.close();
    await Promise.all(children.map((child) => child.stop()));
    for (const stopper of stoppers.reverse()) await stopper().catch((error: unknown) => console.error("stop failed:", error));
    rmSync(filesDir, { recursive: true, force: true });
    await db.$disconnect();
    await database.drop();
  });
  try {
    // One on-sale GA event; limits no run reaches; holds that outlive the slowest phase.
    const { organization, event, ticketType } = await benchGaEvent(db, { capacity: 1_000_000, holdTtlSeconds: 3_600 });

    const [apiPort, soketiPort, smtpPort, catcherHttpPort, ...rolePorts] = await freePorts(4 + ROLES.length * 2);
    const soketi = await findOrStartSoketi({ host: "127.0.0.1", port: soketiPort!, ...SOKETI_APP });
    stoppers.push(() => soketi.stop());
    // Signed webhooks to the API server's endpoint, with a secret of this run.
    const webhookSecret = `whsec_${randomBytes(24).toString("hex")}`;
    const stripeServer = await startStripeTestServer({
      host: "127.0.0.1",
      webhook: { url: `http://127.0.0.1:${apiPort}/api/webhooks/stripe`, secret: webhookSecret },
    });
    stoppers.push(() => stripeServer.stop());
    const catcher = await startMailCatcher({ smtpPort: smtpPort!, httpPort: catcherHttpPort!, maxMessages: options.orders * 2 + 1_000 });
    stoppers.push(() => catcher.close());

    const roleEnv: Record<string, string | undefined> = {
      ...options.env,
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      DATABASE_URL: database.url,
      REDIS_PREFIX: options.redisPrefix,
      WORKER_HOST: "127.0.0.1",
      ...Object.fromEntries(
        ROLES.flatMap((role, index) => [
          [`${role.toUpperCase()}_GRPC_PORT`, String(rolePorts[index * 2])],
          [`${role.toUpperCase()}_HTTP_PORT`, String(rolePorts[index * 2 + 1])],
        ]),
      ),
      API_HOST: "127.0.0.1",
      API_PORT: String(apiPort),
      WEB_URL: "http://127.0.0.1:3000",
      AUTH_SECRET: options.env.AUTH_SECRET,
      ADMISSION_TOKEN_SECRET: options.env.ADMISSION_TOKEN_SECRET ?? "bench-admission-token-secret-0123456789",
      STRIPE_SECRET_KEY: "",
      STRIPE_API_URL: stripeServer.url,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: "Marquee Bench <tickets@marquee.local>",
      FILE_STORAGE_DIR: filesDir,
      // The factories sign the event's ticket key with this secret.
      TICKET_KEY_SECRET: TEST_TICKET_KEY_SECRET,
      SOKETI_HOST: "127.0.0.1",
      SOKETI_PORT: String(soketiPort),
      SOKETI_APP_ID: SOKETI_APP.appId,
      SOKETI_APP_KEY: SOKETI_APP.key,
      SOKETI_APP_SECRET: SOKETI_APP.secret,
      SOKETI_USE_TLS: "false",
      // 0 turns a limit off: one machine plays every buyer from one address.
      ...buyerRateLimits(),
    };

    const profiled = (name: string, command: string[]) =>
      options.profileDir ? [command[0]!, "--cpu-prof", "--cpu-prof-dir", join(options.profileDir, name), ...command.slice(1)] : command;
    const apiChild = startChild("api", profiled("api", tsxCommand("packages/api/src/http/standalone-main.ts")), { cwd: ROOT, env: roleEnv, cpu: SERVER_CPU });
    children.push(apiChild);
    const roleChildren = ROLES.map((role) =>
      startChild(role, profiled(role, tsxCommand("src/main.ts", role)), { cwd: WORKERS_DIR, env: roleEnv, cpu: SERVER_CPU }),
    );
    children.push(...roleChildren);
    // Seven Node processes boot on one CPU: give them time.
    await waitForHealthy(`http://127.0.0.1:${apiPort}/healthz`, apiChild, 180_000);
    await Promise.all(ROLES.map((role, index) => waitForHealthy(`http://127.0.0.1:${rolePorts[index * 2 + 1]}/healthz`, roleChildren[index]!, 180_000)));

    api = jsonClient(`http://127.0.0.1:${apiPort}`, options.concurrency + 8);
    return {
      db,
      api,
      stripeServer,
      stripe: createStripeSettings(readStripeEnv({ STRIPE_API_URL: stripeServer.url, STRIPE_WEBHOOK_SECRET: webhookSecret })),
      catcher,
      eventId: event.id,
      ticketTypeId: ticketType.id,
      organizationId: organization.id,
      redisPrefix: options.redisPrefix,
      roleEnv,
      children,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
