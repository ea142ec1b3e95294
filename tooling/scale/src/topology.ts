// The scaled-out topology on this one machine, all of it the run's own (own ports, temporary
// directories): PostgreSQL primary + streaming standby behind PgBouncer, Redis, two Soketi nodes
// on the Redis adapter, the local Stripe server, a mail catcher, three API servers, two web
// servers, two processes of each worker role, and HAProxy in front. stop() ends everything.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDeploy } from "@marquee/db/migrate";
import { ensureAptBinary } from "@marquee/dev/apt-binary";
import { inheritedEnv } from "@marquee/dev/env";
import type { Log } from "@marquee/dev/log";
import { type ManagedProcess, spawnManaged } from "@marquee/dev/processes";
import { startMailCatcher, type MailCatcher } from "@marquee/dev/services/mail-catcher";
import { findFreePort, waitUntil, httpStatus } from "@marquee/dev/services/net";
import { findOrStartRedis } from "@marquee/dev/services/redis";
import { soketiDir, soketiEntry, soketiEnv } from "@marquee/dev/services/soketi";
import { startStripeTestServer, type StripeTestServer } from "@marquee/dev/services/stripe-local/index";
import { TEST_TICKET_KEY_SECRET } from "@marquee/db/testing";
import { benchEnv, buyerRateLimits } from "../../../packages/api/bench/lib/env.ts";
import { backendStatus, haproxyConfig } from "./haproxy.ts";
import { type Instance, instance, startInBatches } from "./instance.ts";
import { type PostgresPair, startPgbouncer, startPostgresPair } from "./postgres-pair.ts";

export const ROLES = ["booking", "payment", "invoice", "notification", "analytics"] as const;
/** Roles other roles call over gRPC (apps/workers/src/env.ts: *_GRPC_ADDRESS). */
const CALLED_ROLES = ["analytics", "invoice", "notification"] as const;
export const SOKETI_APP = { appId: "scale", key: "scale-key", secret: `scale-secret-${randomBytes(12).toString("hex")}` };
const ROOT = new URL("../../..", import.meta.url).pathname;

export interface TopologyOptions {
  apiServers: number;
  webServers: number;
  soketiNodes: number;
  workersPerRole: number;
  log: Log;
}

export interface Topology {
  /** HAProxy's HTTP frontend: pages and /api/*. */
  httpUrl: string;
  /** HAProxy's WebSocket frontend (Soketi). */
  wsPort: number;
  /** The primary, directly (seeding and the checks; the apps go through PgBouncer). */
  pair: PostgresPair;
  redisUrl: string;
  redisPrefix: string;
  stripe: StripeTestServer;
  webhookSecret: string;
  catcher: MailCatcher;
  api: Instance[];
  web: Instance[];
  soketi: Instance[];
  workers: Record<(typeof ROLES)[number], Instance[]>;
  statsSocket: string;
  /** Waits until HAProxy sees `up` servers of `backend` UP (and the rest not). */
  waitForBackend(backend: string, up: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** HAProxy, PgBouncer and redis-server from Debian's packages: installed when missing (as root), else one line saying how. */
export async function ensureBinaries(log: Log): Promise<void> {
  for (const [name, path, aptPackage] of [
    ["HAProxy", "/usr/sbin/haproxy", "haproxy"],
    ["PgBouncer", "/usr/sbin/pgbouncer", "pgbouncer"],
    ["redis-server", "/usr/bin/redis-server", "redis-server"],
  ] as const) {
    await ensureAptBinary({ name, path, aptPackage, log });
  }
}

// Ports picked in this run: findFreePort only checks that nothing listens yet, and nothing of ours
// listens until the processes start, so it could hand out one port twice.
const picked = new Set<number>();
async function freePort(): Promise<number> {
  for (;;) {
    const port = await findFreePort();
    if (!picked.has(port)) {
      picked.add(port);
      return port;
    }
  }
}
const ports = async (count: number) => {
  const list: number[] = [];
  while (list.length < count) list.push(await freePort());
  return list;
};

export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const { log } = options;
  await ensureBinaries(log);
  const dir = mkdtempSync(join(tmpdir(), "marquee-scale-"));
  const stoppers: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const stopper of stoppers.reverse()) await stopper().catch((error: unknown) => log(`stop failed: ${String(error)}`));
    stoppers.length = 0;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const pair = await startPostgresPair(log);
    stoppers.push(() => pair.stop());
    await migrateDeploy({ databaseUrl: pair.primaryUrl });

    const [bouncerPort, redisPort, httpPort, wsPort, smtpPort, catcherPort] = await ports(6);
    const pgbouncerDir = mkdtempSync(join(tmpdir(), "marquee-scale-pgbouncer-"));
    const bouncer = startPgbouncer({ dir: pgbouncerDir, port: bouncerPort!, primaryPort: pair.primaryPort, standbyPort: pair.standbyPort, log });
    stoppers.push(async () => {
      await bouncer.stop(5_000);
      rmSync(pgbouncerDir, { recursive: true, force: true });
    });

    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const redis = await findOrStartRedis({ redisUrl, persistence: "none", dataDir: dir, log });
    stoppers.push(() => redis.stop());

    const webhookSecret = `whsec_${randomBytes(24).toString("hex")}`;
    const stripe = await startStripeTestServer({
      host: "127.0.0.1",
      webhook: { url: `http://127.0.0.1:${httpPort}/api/webhooks/stripe`, secret: webhookSecret },
    });
    stoppers.push(() => stripe.stop());
    const catcher = await startMailCatcher({ smtpPort: smtpPort!, httpPort: catcherPort!, maxMessages: 20_000 });
    stoppers.push(() => catcher.close());

    const redisPrefix = `marquee-scale-${Date.now().toString(36)}`;
    const viaBouncer = (db: string) => `postgresql://postgres@127.0.0.1:${bouncerPort}/${db}`;
    const grpcFrontends = Object.fromEntries(await Promise.all(CALLED_ROLES.map(async (role) => [role, await freePort()] as const)));
    const shared: Record<string, string | undefined> = {
      ...benchEnv(),
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      DATABASE_URL: viaBouncer("marquee"),
      DATABASE_READ_URL: viaBouncer("marquee_replica"),
      // PgBouncer 1.18 in transaction mode does not track prepared statements.
      DATABASE_PREPARED_STATEMENTS: "false",
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
      WEB_URL: `http://127.0.0.1:${httpPort}`,
      TRUSTED_PROXIES: "127.0.0.1",
      STRIPE_SECRET_KEY: "",
      STRIPE_API_URL: stripe.url,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: "Marquee Scale <tickets@marquee.local>",
      FILE_STORAGE_DIR: join(dir, "files"),
      TICKET_KEY_SECRET: TEST_TICKET_KEY_SECRET,
      // Publishers reach Soketi's HTTP API through HAProxy too: a dead node is skipped.
      SOKETI_HOST: "127.0.0.1",
      SOKETI_PORT: String(wsPort),
      SOKETI_APP_ID: SOKETI_APP.appId,
      SOKETI_APP_KEY: SOKETI_APP.key,
      SOKETI_APP_SECRET: SOKETI_APP.secret,
      SOKETI_USE_TLS: "false",
      WORKER_HOST: "127.0.0.1",
      // A killed worker's jobs are taken over after this (default 30 s); the reconciler looks often.
      JOB_LOCK_SECONDS: "5",
      RECONCILE_EVERY_SECONDS: "10",
      PDF_RENDER_THREADS: "1",
      ...Object.fromEntries(CALLED_ROLES.map((role) => [`${role.toUpperCase()}_GRPC_ADDRESS`, `127.0.0.1:${grpcFrontends[role]}`])),
      // One machine plays every buyer from one address.
      ...buyerRateLimits(),
    };
    const tsx = (entry: string, ...args: string[]) => ({ command: process.execPath, args: ["--import", "tsx", entry, ...args] });

    const soketi: Instance[] = [];
    for (let i = 1; i <= options.soketiNodes; i++) {
      const [port, metricsPort] = await ports(2);
      const env = inheritedEnv({
        ...soketiEnv({ host: "127.0.0.1", port: port!, ...SOKETI_APP, metricsPort: metricsPort! }),
        // Soketi's own names (dist/cli/cli.js): the Redis adapter spreads publishes over the nodes.
        SOKETI_ADAPTER_DRIVER: "redis",
        SOKETI_ADAPTER_REDIS_PREFIX: redisPrefix,
        SOKETI_DB_REDIS_HOST: "127.0.0.1",
        SOKETI_DB_REDIS_PORT: String(redisPort),
      });
      soketi.push(
        instance(
          { name: `soketi${i}`, command: process.execPath, args: [soketiEntry(), "start"], cwd: soketiDir(), env, healthUrl: `http://127.0.0.1:${port}/` },
          log,
        ),
      );
    }
    const api: Instance[] = [];
    for (let i = 1; i <= options.apiServers; i++) {
      const port = await freePort();
      const { command, args } = tsx("packages/api/src/http/standalone-main.ts");
      const env = inheritedEnv({ ...shared, API_HOST: "127.0.0.1", API_PORT: String(port) });
      api.push(instance({ name: `api${i}`, command, args, cwd: ROOT, env, healthUrl: `http://127.0.0.1:${port}/healthz` }, log));
    }
    const web: Instance[] = [];
    for (let i = 1; i <= options.webServers; i++) {
      const port = await freePort();
      const { command, args } = tsx("server.ts", "--port", String(port));
      const env = inheritedEnv({ ...shared, NEXT_TELEMETRY_DISABLED: "1" });
      web.push(instance({ name: `web${i}`, command, args, cwd: join(ROOT, "apps/web"), env, healthUrl: `http://127.0.0.1:${port}/robots.txt` }, log));
    }
    const workers = {} as Topology["workers"];
    for (const role of ROLES) {
      workers[role] = [];
      for (let i = 1; i <= options.workersPerRole; i++) {
        const [grpcPort, httpPort] = await ports(2);
        const upper = role.toUpperCase();
        const env = inheritedEnv({ ...shared, [`${upper}_GRPC_PORT`]: String(grpcPort), [`${upper}_HTTP_PORT`]: String(httpPort) });
        const { command, args } = tsx("src/main.ts", role);
        workers[role].push(
          instance({ name: `${role}${i}`, command, args, cwd: join(ROOT, "apps/workers"), env, healthUrl: `http://127.0.0.1:${httpPort}/healthz` }, log),
        );
      }
    }
    const everyInstance = [...soketi, ...api, ...web, ...ROLES.flatMap((role) => workers[role])];
    stoppers.push(() => Promise.all(everyInstance.map((x) => x.stop())));

    const statsSocket = join(dir, "haproxy.sock");
    const configFile = join(dir, "haproxy.cfg");
    const upstream = (list: Instance[]) => list.map((x) => ({ name: x.spec.name, port: Number(new URL(x.spec.healthUrl).port) }));
    const grpcPortOf = (x: Instance) => Number(x.spec.env[`${x.spec.args.at(-1)!.toUpperCase()}_GRPC_PORT`]);
    writeFileSync(
      configFile,
      haproxyConfig({
        httpPort: httpPort!,
        wsPort: wsPort!,
        web: upstream(web),
        api: upstream(api),
        soketi: upstream(soketi),
        grpc: CALLED_ROLES.map((role) => ({
          role,
          port: grpcFrontends[role]!,
          servers: workers[role].map((x) => ({ name: x.spec.name, port: grpcPortOf(x) })),
        })),
        statsSocket,
      }),
    );
    // -db: foreground, no daemon; its process group goes with the rest.
    const haproxy: ManagedProcess = spawnManaged("haproxy", "/usr/sbin/haproxy", ["-db", "-f", configFile], { log: (line) => log(`haproxy: ${line}`) });
    stoppers.push(() => haproxy.stop(5_000));

    // Soketi and the called roles first (the others dial them at start), then the rest.
    await startInBatches(soketi, 2);
    await startInBatches([...CALLED_ROLES.flatMap((role) => workers[role])], 3);
    await startInBatches([...api, ...workers.booking, ...workers.payment], 3);
    await startInBatches(web, 2);

    const waitForBackend = async (backend: string, up: number, timeoutMs = 30_000) => {
      await waitUntil(async () => Object.values(await backendStatus(statsSocket, backend)).filter((s) => s.startsWith("UP")).length === up, {
        timeoutMs,
        intervalMs: 200,
        description: `${up} servers UP in HAProxy's ${backend} backend`,
      });
    };
    await waitForBackend("api", api.length);
    await waitForBackend("soketi", soketi.length);
    await waitUntil(async () => (await httpStatus(`http://127.0.0.1:${httpPort}/robots.txt`)) === 200, {
      timeoutMs: 30_000,
      description: "the web through HAProxy",
    });
    return {
      httpUrl: `http://127.0.0.1:${httpPort}`,
      wsPort: wsPort!,
      pair,
      redisUrl,
      redisPrefix,
      stripe,
      webhookSecret,
      catcher,
      api,
      web,
      soketi,
      workers,
      statsSocket,
      waitForBackend,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
