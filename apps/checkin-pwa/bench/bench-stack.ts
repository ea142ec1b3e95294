// The check-in bench's own stack, from nothing but PostgreSQL and Redis: a database of its own
// (dropped at the end), Redis keys in a database index of its own (deleted at the end), and
// @marquee/dev's stack on free ports: Soketi, the scanner app (turbo build, cached; `next start`
// behind its edge server), the API server (organiser REST) and the workers (the outbox relay that
// pushes admissions to the event's channel).
import { randomBytes } from "node:crypto";
import { benchEnv } from "@marquee/api/bench/lib/env";
import { deferCleanup, freePort } from "@marquee/api/bench/lib/load";
import { createTestDatabase } from "@marquee/db/testing";
import { createStack } from "@marquee/dev/stack";
import { Redis } from "ioredis";

/** Redis database index of the bench's stack (e2e uses 11 by default, development 0). */
const BENCH_REDIS_DB = 13;
const WORKER_ROLES = ["BOOKING", "PAYMENT", "INVOICE", "NOTIFICATION", "ANALYTICS"];

export interface TBenchStack {
  databaseUrl: string;
  /** The scanner app's origin (device REST /api/v1/checkin/* on it too). */
  checkinUrl: string;
  /** The API server: organiser REST under /api/v1. */
  apiUrl: string;
}

async function deleteMarqueeKeys(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    for await (const keys of redis.scanStream({ match: "marquee*", count: 500 }) as AsyncIterable<string[]>) if (keys.length > 0) await redis.unlink(...keys);
  } finally {
    redis.disconnect();
  }
}

/** Starts everything the scanner needs; stopping and dropping are deferred cleanups. */
export async function startBenchStack(log: (line: string) => void): Promise<TBenchStack> {
  const env = benchEnv();
  const database = await createTestDatabase(env.DATABASE_URL);
  deferCleanup(() => database.drop());
  const redisUrl = new URL(env.REDIS_URL!);
  redisUrl.pathname = `/${BENCH_REDIS_DB}`;
  await deleteMarqueeKeys(redisUrl.toString());
  deferCleanup(() => deleteMarqueeKeys(redisUrl.toString()));

  const port = async () => String(await freePort());
  const [checkin, web, admin, api, soketi, smtp, mailHttp, stripe] = await Promise.all(Array.from({ length: 8 }, port));
  const workerPorts: [string, string][] = [];
  for (const role of WORKER_ROLES) workerPorts.push([`${role}_GRPC_PORT`, await port()], [`${role}_HTTP_PORT`, await port()]);
  const checkinUrl = `http://localhost:${checkin}`;
  const stack = createStack({
    env: {
      ...env,
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl.toString(),
      SOKETI_APP_SECRET: randomBytes(24).toString("hex"),
      WEB_URL: `http://localhost:${web}`,
      ADMIN_URL: `http://localhost:${admin}`,
      CHECKIN_URL: checkinUrl,
      API_PORT: api,
      SOKETI_PORT: soketi,
      SMTP_URL: `smtp://127.0.0.1:${smtp}`,
      MAILCATCHER_HTTP_PORT: mailHttp,
      MAILCATCHER_URL: `http://127.0.0.1:${mailHttp}`,
      STRIPE_API_URL: `http://127.0.0.1:${stripe}`,
      LOG_LEVEL: "warn",
      ...Object.fromEntries(workerPorts),
    },
    apps: ["checkin"],
    redisPersistence: "none",
    // Only failures matter here; the stack's own lines would drown the figures.
    logFor: (name) => (line) => {
      if (/error|exited|failed/i.test(line)) log(`[${name}] ${line}`);
    },
  });
  deferCleanup(() => stack.stop());
  const info = await stack.start();
  const phases = Object.entries(info.timings)
    .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`)
    .join(", ");
  log(`stack ready (${phases})`);
  return { databaseUrl: database.url, checkinUrl, apiUrl: info.urls.api };
}
