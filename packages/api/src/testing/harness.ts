import { createDb, type Db, type TeamRole } from "@marquee/db";
import { createFactories, testDatabaseUrl, uniqueSuffix, type Factories } from "@marquee/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { type Clock, systemClock } from "../clock.ts";
import { createContextInner, type RequestMeta } from "../context.ts";
import { createQueueClient, type QueueClient } from "../jobs/queue-client.ts";
import { createCaller } from "../root.ts";
import type { RestDeps } from "../rest/handler.ts";
import { loadSessionUser } from "../session.ts";

/** The auth secret the HTTP-level tests sign session cookies with. */
export const TEST_AUTH_SECRET = "test-auth-secret-0123456789abcdef";

// Router tests go through createCaller with a real context: real PostgreSQL (the run's own
// database) and real Redis (queues under a unique prefix).

export interface Harness {
  db: Db;
  redis: Redis;
  /** Unique per test file, so keys and queues never collide with other runs. */
  redisPrefix: string;
  queues: QueueClient;
  make: Factories;
  /** A caller as the given user (or anonymous), with request metadata when needed. */
  callerAs(userId: string | null, options?: { request?: Partial<RequestMeta>; clock?: Clock }): Promise<ReturnType<typeof createCaller>>;
  /** Dependencies of the HTTP adapters (tRPC fetch, REST) on this harness's clients. */
  httpDeps(overrides?: Partial<RestDeps>): RestDeps;
  /** An organisation with a member in the given role and that member's caller. */
  memberOf(role: TeamRole): Promise<{ organizationId: string; userId: string; caller: ReturnType<typeof createCaller> }>;
}

export function useHarness(): Harness {
  const harness = {} as Harness;
  beforeAll(() => {
    harness.db = createDb(testDatabaseUrl(), { max: 4 });
    harness.redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
    harness.redisPrefix = `marquee-test-${uniqueSuffix()}`;
    harness.queues = createQueueClient(harness.redis, harness.redisPrefix);
    harness.make = createFactories(harness.db);
    harness.callerAs = async (userId, options = {}) => {
      const session = userId ? await loadSessionUser(harness.db, { sub: userId, sessionVersion: (await harness.db.user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion }) : null;
      return createCaller(
        createContextInner({
          db: harness.db,
          redis: harness.redis,
          redisPrefix: harness.redisPrefix,
          queues: harness.queues,
          session,
          clock: options.clock ?? systemClock,
          request: options.request,
          allowedOrigins: ["http://localhost:3000", "http://localhost:3001"],
        }),
      );
    };
    harness.httpDeps = (overrides = {}) => ({
      db: harness.db,
      redis: harness.redis,
      redisPrefix: harness.redisPrefix,
      queues: harness.queues,
      authSecret: TEST_AUTH_SECRET,
      sessionCookieName: "marquee-web.session-token",
      allowedOrigins: ["http://localhost:3000"],
      ...overrides,
    });
    harness.memberOf = async (role) => {
      const organization = await harness.make.organization();
      const user = await harness.make.member(organization.id, role);
      return { organizationId: organization.id, userId: user.id, caller: await harness.callerAs(user.id) };
    };
  });
  afterAll(async () => {
    await harness.queues.close();
    // Leave nothing behind in the shared Redis.
    const keys = await harness.redis.keys(`${harness.redisPrefix}:*`);
    if (keys.length) await harness.redis.del(...keys);
    await harness.redis.quit();
    await harness.db.$disconnect();
  });
  return harness;
}
