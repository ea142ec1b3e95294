// The whole local stack as a building block: services, migrations + demo data, the three Next
// apps (built through turbo, served with `next start`) and the workers. `npm start` and the e2e
// suite both use it; e2e passes other ports / another database through `env`.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "@marquee/config/env";
import { demoUsers, migrateDatabase, seedDatabase, type DemoUser } from "./database.ts";
import { inheritedEnv, processEnv, readDevEnv, type DevEnv, type EnvSource } from "./env.ts";
import { createLog, reservePrefixWidth, type Log } from "./log.ts";
import { binDir, repoRoot } from "./paths.ts";
import { spawnManaged, type ExitStatus, type ManagedProcess } from "./processes.ts";
import { httpStatus, waitUntil } from "./services/net.ts";
import { mailForwardFromEnv, startLocalServices, stopServices, type LocalServices } from "./services/start-all.ts";

/**
 * TypeScript entry points run as `node --import tsx <file>`: one process that gets the stop signal
 * itself. tsx's CLI would sit in between and SIGKILL its child when a busy machine misses its 30 ms
 * signal handshake, turning a graceful stop into a crash.
 */
const TSX_IMPORT = ["--import", "tsx"];

export const APPS = [
  { name: "web", dir: "apps/web", urlVariable: "WEB_URL", defaultPort: 3000 },
  { name: "admin", dir: "apps/admin", urlVariable: "ADMIN_URL", defaultPort: 3001 },
  { name: "checkin", dir: "apps/checkin-pwa", urlVariable: "CHECKIN_URL", defaultPort: 3002 },
] as const;
export type AppName = (typeof APPS)[number]["name"];

export const WORKER_ROLES = [
  { role: "booking", portVariable: "BOOKING_HTTP_PORT" },
  { role: "payment", portVariable: "PAYMENT_HTTP_PORT" },
  { role: "invoice", portVariable: "INVOICE_HTTP_PORT" },
  { role: "notification", portVariable: "NOTIFICATION_HTTP_PORT" },
  { role: "analytics", portVariable: "ANALYTICS_HTTP_PORT" },
] as const;

export interface StackOptions {
  /** Variables laid over process.env: other ports (WEB_URL, ..._HTTP_PORT), another DATABASE_URL. */
  env?: EnvSource;
  /** "always" (default): turbo build, cached; "if-missing": build only if an app has no .next build. */
  build?: "always" | "if-missing";
  /** Redis persistence when we start redis-server ("aof" default, "none" for throwaway stacks). */
  redisPersistence?: "aof" | "none";
  /** Which apps to build and serve (default all three). */
  apps?: readonly AppName[];
  /** Start the workers too (default true). */
  workers?: boolean;
  /** Output of each process and step (default: prefixed lines on stdout). */
  logFor?: (name: string) => Log;
  /** How long apps and workers may take to answer once started. */
  readyTimeoutMs?: number;
}

export interface StackUrls {
  web: string;
  admin: string;
  checkin: string;
  /** The standalone API server: REST /api/v1, tRPC and /api/openapi.json for the hot paths. */
  api: string;
  mail: string;
  smtp: string;
  soketi: string;
  /** The local Stripe test server, or "Stripe (STRIPE_SECRET_KEY)" with a real key. */
  stripe: string;
  database: string;
  redis: string;
}

export interface StackInfo {
  urls: StackUrls;
  services: LocalServices;
  demoUsers: DemoUser[];
  /** Milliseconds per phase (services, migrate, seed, build, ready). */
  timings: Record<string, number>;
  /** Settles if an app or the API server exits on their own while the stack runs (the workers do not count). */
  crashed: Promise<{ name: string; status: ExitStatus }>;
}

export interface Stack {
  start(): Promise<StackInfo>;
  /** Stops what this stack started (apps and workers, then services it started). Idempotent. */
  stop(): Promise<void>;
}

export class StackStoppedError extends Error {
  override name = "StackStoppedError";
  constructor() {
    super("the stack was stopped while starting");
  }
}

/** The port an app serves on: its public URL's port, else its default. */
export function appPort(publicUrl: string, defaultPort: number): number {
  const { port } = new URL(publicUrl);
  return port ? Number(port) : defaultPort;
}

const apiUrl = (env: DevEnv): string => `http://${env.API_HOST}:${env.API_PORT}`;

const hasBuild = (appDir: string): boolean => existsSync(join(repoRoot, appDir, ".next", "BUILD_ID"));

export function createStack(options: StackOptions = {}): Stack {
  const selectedApps = APPS.filter((app) => (options.apps ?? APPS.map((candidate) => candidate.name)).includes(app.name));
  const logFor = options.logFor ?? ((name: string) => createLog(name));
  const processes: ManagedProcess[] = [];
  let services: LocalServices = {};
  let stopping: Promise<void> | undefined;

  const checkNotStopped = () => {
    if (stopping) throw new StackStoppedError();
  };

  const track = (managed: ManagedProcess) => {
    processes.push(managed);
    if (stopping) void managed.stop();
    return managed;
  };

  async function build(env: NodeJS.ProcessEnv, log: Log): Promise<void> {
    if (selectedApps.length === 0) return;
    if (options.build === "if-missing") {
      const missing = selectedApps.filter((app) => !hasBuild(app.dir)).map((app) => app.name);
      if (missing.length === 0) return log("--no-build: using the existing builds");
      log(`--no-build, but ${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} no build yet: building`);
    }
    const filters = selectedApps.map((app) => `--filter=./${app.dir}`);
    const turbo = track(spawnManaged("build", join(binDir, "turbo"), ["run", "build", ...filters, "--output-logs=new-only"], { cwd: repoRoot, env, log }));
    const status = await turbo.exited;
    checkNotStopped();
    if (status.code !== 0)
      throw new ConfigError(`Building the apps failed (turbo exited with ${status.signal ?? `code ${status.code}`}); see the [build] lines above`);
  }

  async function waitForReady(devEnv: DevEnv, timeoutMs: number, apps: ManagedProcess[], workers: ManagedProcess | undefined, api: ManagedProcess, log: Log) {
    const exitedMessage = (managed: ManagedProcess) => {
      const status = managed.exitStatus();
      if (!status) return undefined;
      const tail = managed.recentOutput().slice(-3).join(" | ");
      return `${managed.name} exited (${status.signal ?? `code ${status.code}`}) before it was ready${tail ? `: ${tail}` : ""}`;
    };
    const checks = selectedApps.map(async (app, index) => {
      const port = appPort(devEnv[app.urlVariable], app.defaultPort);
      const status = await waitUntil(async () => httpStatus(`http://127.0.0.1:${port}/`), {
        timeoutMs,
        intervalMs: 250,
        description: `${app.name} on port ${port}`,
        abort: () => (stopping ? "stopped" : exitedMessage(apps[index]!)),
      });
      if (status >= 500) log(`${app.name} answers ${status} on / (it is up, but check its output)`);
    });
    const apiHealth = `${apiUrl(devEnv)}/healthz`;
    checks.push(
      waitUntil(async () => (await httpStatus(apiHealth)) === 200, {
        timeoutMs,
        intervalMs: 250,
        description: `the API server's ${apiHealth}`,
        abort: () => (stopping ? "stopped" : exitedMessage(api)),
      }).then(() => {}),
    );
    if (workers) {
      for (const { role, portVariable } of WORKER_ROLES) {
        const url = `http://${devEnv.WORKER_HOST}:${devEnv[portVariable]}/healthz`;
        checks.push(
          waitUntil(async () => (await httpStatus(url)) === 200, {
            timeoutMs,
            intervalMs: 250,
            description: `the ${role} worker's ${url}`,
            abort: () => (stopping ? "stopped" : exitedMessage(workers)),
          }).then(() => {}),
        );
      }
    }
    const results = await Promise.allSettled(checks);
    checkNotStopped();
    const failure = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
    if (failure) throw new ConfigError(`Start-up failed: ${failure.reason instanceof Error ? failure.reason.message : String(failure.reason)}`);
  }

  async function start(): Promise<StackInfo> {
    const timings: Record<string, number> = {};
    const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
      const startedAt = performance.now();
      try {
        return await work();
      } finally {
        timings[phase] = Math.round(performance.now() - startedAt);
      }
    };
    const source = { ...processEnv(), ...options.env };
    const devEnv = readDevEnv(source);
    reservePrefixWidth(["postgres", "redis", "soketi", "mail", "stripe", "db", "build", ...APPS.map((app) => app.name), "api", "workers"]);

    // Inbound support mail, all on this machine: the catcher forwards mail for the inbound domain
    // to the console's endpoint with a secret the console is given below (random per run unless set).
    const inboundSecret = devEnv.INBOUND_EMAIL_SECRET ?? randomBytes(24).toString("base64url");
    const mailForward = mailForwardFromEnv(devEnv) ?? {
      domain: devEnv.INBOUND_EMAIL_DOMAIN,
      url: new URL("/api/inbound-email", devEnv.ADMIN_URL).toString(),
      secret: inboundSecret,
    };
    services = await timed("services", () =>
      startLocalServices(devEnv, {
        mailForward,
        redisPersistence: options.redisPersistence,
        logFor,
        onStarted: (name, handle, ms) => {
          services = { ...services, [name]: handle };
          logFor(name)(`${handle.description} - ready in ${Math.round(ms)} ms`);
          if (stopping) void handle.stop();
        },
      }),
    );
    checkNotStopped();

    const dbLog = logFor("db");
    await timed("migrate", () => migrateDatabase(devEnv.DATABASE_URL, dbLog));
    checkNotStopped();
    await timed("seed", () => seedDatabase(devEnv.DATABASE_URL, dbLog, source.TICKET_KEY_SECRET || undefined));
    checkNotStopped();

    // The Soketi secret the stack resolved (a development default included) goes to every child:
    // `next start` runs in production mode, where it has no default of its own.
    const childEnv = inheritedEnv({
      ...options.env,
      SOKETI_APP_SECRET: devEnv.SOKETI_APP_SECRET,
      INBOUND_EMAIL_DOMAIN: devEnv.INBOUND_EMAIL_DOMAIN,
      INBOUND_EMAIL_SECRET: mailForward.secret,
      NEXT_TELEMETRY_DISABLED: "1",
      TURBO_TELEMETRY_DISABLED: "1",
    });
    await timed("build", () => build(childEnv, logFor("build")));
    checkNotStopped();

    const readyStartedAt = performance.now();
    const apps = selectedApps.map((app) => {
      const port = appPort(devEnv[app.urlVariable], app.defaultPort);
      return track(
        // The app's `start`: Next behind its edge server (apps/<app>/server.ts), which writes X-Forwarded-For from the socket.
        spawnManaged(app.name, process.execPath, [...TSX_IMPORT, "server.ts", "--port", String(port)], {
          cwd: join(repoRoot, app.dir),
          // A local stack: its apps also answer at 127.0.0.1 / [::1] where localhost is configured.
          env: { ACCEPT_LOOPBACK_ALIASES: "true", ...childEnv, PORT: String(port), NODE_ENV: "production" },
          log: logFor(app.name),
        }),
      );
    });
    const workers =
      options.workers === false
        ? undefined
        : track(
            spawnManaged("workers", process.execPath, [...TSX_IMPORT, "apps/workers/src/main.ts", "all"], {
              cwd: repoRoot,
              env: childEnv,
              log: logFor("workers"),
            }),
          );
    const api = track(
      // NODE_ENV is the caller's (unlike `next start`, which forces production), so the same
      // secrets apply to the apps and to this server in development, e2e and production alike.
      spawnManaged("api", process.execPath, [...TSX_IMPORT, "packages/api/src/http/standalone-main.ts"], { cwd: repoRoot, env: childEnv, log: logFor("api") }),
    );
    await waitForReady(devEnv, options.readyTimeoutMs ?? 120_000, apps, workers, api, logFor("stack"));
    timings.ready = Math.round(performance.now() - readyStartedAt);

    const crashed = new Promise<{ name: string; status: ExitStatus }>((resolve) => {
      for (const managed of [...apps, api]) {
        void managed.exited.then((status) => {
          if (!stopping) resolve({ name: managed.name, status });
        });
      }
    });
    // The workers' supervisor restarts a role that dies and gives up only on a crash loop; even
    // then the site and the API keep serving (buyers can still browse, hold and pay; the jobs
    // wait in Redis), so the workers exiting is reported, never a reason to stop the stack.
    void workers?.exited.then((status) => {
      if (!stopping)
        logFor("stack")(
          `the workers exited (${status.signal ?? `code ${status.code}`}): the site and the API keep serving; jobs wait in Redis until the workers run again (restart npm start)`,
        );
    });

    return {
      urls: {
        web: devEnv.WEB_URL,
        admin: devEnv.ADMIN_URL,
        checkin: devEnv.CHECKIN_URL,
        api: apiUrl(devEnv),
        mail: devEnv.MAILCATCHER_URL,
        smtp: devEnv.SMTP_URL,
        soketi: services.soketi?.url ?? `http://${devEnv.SOKETI_HOST}:${devEnv.SOKETI_PORT}`,
        stripe: devEnv.STRIPE_SECRET_KEY === "" ? (services.stripe?.url ?? devEnv.STRIPE_API_URL) : "Stripe (STRIPE_SECRET_KEY)",
        database: devEnv.DATABASE_URL,
        redis: devEnv.REDIS_URL,
      },
      services,
      demoUsers: await demoUsers(),
      timings,
      crashed,
    };
  }

  function stop(): Promise<void> {
    stopping ??= (async () => {
      await Promise.allSettled(processes.map((managed) => managed.stop(10_000)));
      await stopServices(services);
    })();
    return stopping;
  }

  return { start, stop };
}

/** Start the stack; on failure, stop whatever had started and rethrow. */
export async function startStack(options: StackOptions = {}): Promise<StackInfo & { stop(): Promise<void> }> {
  const stack = createStack(options);
  try {
    return { ...(await stack.start()), stop: stack.stop };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
