import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type Db, type TeamRole } from "@marquee/db";
import { createFactories, testDatabaseUrl, uniqueSuffix, type Factories } from "@marquee/db/testing";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll } from "vitest";
import { type Clock, systemClock } from "../clock.ts";
import { createContextInner, type RequestMeta } from "../context.ts";
import { createQueueClient, type QueueClient } from "../jobs/queue-client.ts";
import type { RedisClient } from "../lib/redis-client.ts";
import type { AppName } from "../auth/app-session-token.ts";
import { sessionCookieName } from "../auth/options.ts";
import type { AppSessionDeps } from "../http/trpc-fetch.ts";
import { createAdminCaller, createCheckinCaller, createWebCaller } from "../root.ts";
import type { RestDeps } from "../rest/handler.ts";
import type { FileStore } from "../services/files/file-store.ts";
import { createLocalFileStore } from "../services/files/local-file-store.ts";
import { loadSessionUser } from "../session.ts";
import { connectTestRedis, deleteKeysWithPrefix } from "./test-redis.ts";

/** The auth secret the HTTP-level tests sign session cookies with. */
export const TEST_AUTH_SECRET = "test-auth-secret-0123456789abcdef";

// Router tests go through createCaller with a real context: real PostgreSQL (the run's own
// database) and real Redis (queues under a unique prefix).

const callerFactories = { web: createWebCaller, admin: createAdminCaller, checkin: createCheckinCaller };
/** The caller of one app's router: the shop's, the console's or the scanner's. */
export type AppCaller<TApp extends AppName> = ReturnType<(typeof callerFactories)[TApp]>;

/**
 * A session cookie ("name=value") as the app's next-auth would set it, signed with the test
 * secret. `app` is the claim inside; `cookieApp` names the cookie (a shop token renamed to the
 * console's cookie: `{ app: "web", cookieApp: "admin" }`).
 */
export async function sessionCookie(userId: string, options: { app: AppName; cookieApp?: AppName; sessionVersion?: number }): Promise<string> {
  const token = await encode({ token: { sub: userId, sessionVersion: options.sessionVersion ?? 0, app: options.app }, secret: TEST_AUTH_SECRET });
  return `${sessionCookieName(options.cookieApp ?? options.app, false)}=${token}`;
}

export interface Harness {
  db: Db;
  redis: RedisClient;
  /** Unique per test file, so keys and queues never collide with other runs. */
  redisPrefix: string;
  queues: QueueClient;
  make: Factories;
  /** A file store in a temporary directory of this test file (removed after it), as every server has one. */
  files: FileStore;
  /**
   * A caller of one app's router (the shop's unless `app` says otherwise) as the given user (or
   * anonymous), with request metadata when needed.
   */
  callerAs<TApp extends AppName = "web">(
    userId: string | null,
    options?: { app?: TApp; request?: Partial<RequestMeta>; clock?: Clock; files?: FileStore },
  ): Promise<AppCaller<TApp>>;
  /** Dependencies of the HTTP adapters (tRPC fetch, REST) on this harness's clients; the shop's cookie unless overridden. */
  httpDeps(overrides?: Partial<RestDeps & AppSessionDeps>): RestDeps & AppSessionDeps;
  /** An organisation with a member in the given role and that member's caller (the console's unless `app` says otherwise). */
  memberOf<TApp extends AppName = "admin">(role: TeamRole, app?: TApp): Promise<{ organizationId: string; userId: string; caller: AppCaller<TApp> }>;
}

export function useHarness(): Harness {
  const harness = {} as Harness;
  let filesDir = "";
  beforeAll(async () => {
    filesDir = await mkdtemp(join(tmpdir(), "marquee-harness-files-"));
    harness.files = createLocalFileStore(filesDir);
    harness.db = createDb(testDatabaseUrl(), { max: 4 });
    harness.redis = connectTestRedis();
    harness.redisPrefix = `marquee-test-${uniqueSuffix()}`;
    harness.queues = createQueueClient(harness.redis, harness.redisPrefix);
    harness.make = createFactories(harness.db);
    harness.callerAs = async <TApp extends AppName = "web">(
      userId: string | null,
      options: { app?: TApp; request?: Partial<RequestMeta>; clock?: Clock; files?: FileStore } = {},
    ) => {
      const session = userId
        ? await loadSessionUser(harness.db, {
            sub: userId,
            sessionVersion: (await harness.db.user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion,
          })
        : null;
      const createCaller = callerFactories[options.app ?? "web"] as (typeof callerFactories)[TApp];
      return createCaller(
        createContextInner({
          db: harness.db,
          redis: harness.redis,
          redisPrefix: harness.redisPrefix,
          queues: harness.queues,
          session,
          clock: options.clock ?? systemClock,
          files: options.files ?? harness.files,
          request: options.request,
          allowedOrigins: ["http://localhost:3000", "http://localhost:3001"],
        }),
      ) as AppCaller<TApp>;
    };
    harness.httpDeps = (overrides = {}) => ({
      db: harness.db,
      redis: harness.redis,
      redisPrefix: harness.redisPrefix,
      queues: harness.queues,
      app: "web",
      authSecret: TEST_AUTH_SECRET,
      sessionCookieName: sessionCookieName("web", false),
      allowedOrigins: ["http://localhost:3000"],
      files: harness.files,
      ...overrides,
    });
    harness.memberOf = async <TApp extends AppName = "admin">(role: TeamRole, app?: TApp) => {
      const organization = await harness.make.organization();
      const user = await harness.make.member(organization.id, role);
      return { organizationId: organization.id, userId: user.id, caller: await harness.callerAs(user.id, { app: app ?? ("admin" as TApp) }) };
    };
  });
  afterAll(async () => {
    await harness.queues.close();
    // Leave nothing behind in the shared Redis.
    await deleteKeysWithPrefix(harness.redis, harness.redisPrefix);
    await harness.redis.quit();
    await harness.db.$disconnect();
    await rm(filesDir, { recursive: true, force: true });
  });
  return harness;
}
