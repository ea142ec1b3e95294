// The only e2e file that reads process.env (house style rule 8). The suite runs its own stack on
// ports offset from E2E_PORT_BASE, so it never collides with a running `npm start` (3000-3002,
// 6001, 1025/1080, 5005x, 910x).
import { createEnv, port, urlWith } from "@marquee/config/env";
import { z } from "zod";

const env = createEnv({
  E2E_PORT_BASE: port(4100),
  /** Redis database index for the e2e stack: keeps its keys (sign-in counters, queues) apart from development's. */
  E2E_REDIS_DB: z.coerce.number().int().min(0).max(15).default(11),
  DATABASE_URL: urlWith("postgres:", "postgresql:").default("postgresql://postgres@127.0.0.1:5432/marquee"),
  REDIS_URL: urlWith("redis:", "rediss:").default("redis://127.0.0.1:6379"),
  CI: z.string().optional(),
  /** "1": specs that take documentation screenshots write them into docs/screenshots (off in CI). */
  SCREENSHOTS: z.enum(["0", "1"]).default("0"),
});

const base = env.E2E_PORT_BASE;

export const e2eConfig = {
  isCI: Boolean(env.CI),
  docScreenshots: env.SCREENSHOTS === "1",
  /** PostgreSQL server the isolated test database is created on (its database name is ignored). */
  baseDatabaseUrl: env.DATABASE_URL,
  redisUrl: (() => {
    const url = new URL(env.REDIS_URL);
    url.pathname = `/${env.E2E_REDIS_DB}`;
    return url.toString();
  })(),
  urls: {
    web: `http://localhost:${base}`,
    admin: `http://localhost:${base + 1}`,
    checkin: `http://localhost:${base + 2}`,
  },
  ports: {
    smtp: base + 25,
    soketi: base + 60,
    mailHttp: base + 80,
    stripe: base + 11,
    api: base + 10,
    /** booking, payment, invoice, notification, analytics */
    workerGrpc: [base + 51, base + 52, base + 53, base + 54, base + 55],
    workerHttp: [base + 91, base + 92, base + 93, base + 94, base + 95],
  },
};

/** Set by the global setup for the test workers: the run's own database. */
export function testDatabaseUrl(): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the specs through `playwright test` (the global setup creates the database)");
  return url;
}

/** Hands the run's database to the test workers (they inherit the runner's environment). */
export function shareTestDatabaseUrl(url: string): void {
  process.env.E2E_DATABASE_URL = url;
}
