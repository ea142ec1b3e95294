import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { readDevEnv } from "./env.ts";
import { findFreePort, httpStatus } from "./services/net.ts";
import { startStack, WORKER_ROLES } from "./stack.ts";

// The stack without the Next apps (they have their own e2e suite): services on free ports,
// migrations and demo data in a database of its own, the five workers, then a clean stop.
const { DATABASE_URL } = readDevEnv();
const database = `marquee_stack_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
const databaseUrl = Object.assign(new URL(DATABASE_URL), { pathname: `/${database}` }).toString();

afterAll(async () => {
  const admin = new pg.Client({ connectionString: Object.assign(new URL(DATABASE_URL), { pathname: "/postgres" }).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
});

describe("startStack", () => {
  it("brings up services, database and workers, reports them, and stops what it started", async () => {
    const ports: Record<string, string> = {};
    for (const { role } of WORKER_ROLES) {
      ports[`${role.toUpperCase()}_HTTP_PORT`] = String(await findFreePort());
      ports[`${role.toUpperCase()}_GRPC_PORT`] = String(await findFreePort());
    }
    const mailPort = await findFreePort();
    const stack = await startStack({
      apps: [],
      redisPersistence: "none",
      logFor: () => () => {},
      env: {
        DATABASE_URL: databaseUrl,
        SOKETI_PORT: String(await findFreePort()),
        SMTP_URL: `smtp://127.0.0.1:${await findFreePort()}`,
        MAILCATCHER_HTTP_PORT: String(mailPort),
        MAILCATCHER_URL: `http://127.0.0.1:${mailPort}`,
        ...ports,
      },
    });
    try {
      expect(stack.urls.database).toBe(databaseUrl);
      expect(stack.services.soketi?.startedByUs).toBe(true);
      expect(stack.services.mail?.startedByUs).toBe(true);
      expect(stack.demoUsers.length).toBeGreaterThan(0);
      expect(stack.demoUsers[0]).toMatchObject({ role: expect.any(String), email: expect.any(String), password: expect.any(String), app: expect.any(String) });
      expect(Object.keys(stack.timings)).toEqual(["services", "migrate", "seed", "build", "ready"]);
      for (const { role } of WORKER_ROLES) expect(await httpStatus(`http://127.0.0.1:${ports[`${role.toUpperCase()}_HTTP_PORT`]}/healthz`), role).toBe(200);
      expect(await httpStatus(`${stack.urls.mail}/messages`)).toBe(200);
    } finally {
      await stack.stop();
    }
    expect(await httpStatus(`${stack.urls.soketi}/`)).toBeNull();
    expect(await httpStatus(`${stack.urls.mail}/messages`)).toBeNull();
    expect(await httpStatus(`http://127.0.0.1:${ports.BOOKING_HTTP_PORT}/healthz`)).toBeNull();
  }, 120_000);
});
