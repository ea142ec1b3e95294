import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { sessionCookieName } from "../auth/options.ts";
import { parseTrustedProxies } from "../http/client-ip.ts";
import { closeServerClients } from "../http/server-clients.ts";
import { createApiServer, type ApiServerDeps } from "../http/standalone-server.ts";
import type { RestDeps } from "../rest/handler.ts";
import { TEST_AUTH_SECRET } from "./harness.ts";

/** The clients the test server runs on: a harness (`useHarness()`) or a test's own. */
export type TestApiClients = Pick<RestDeps, "db" | "redis" | "redisPrefix" | "queues">;

/**
 * The standalone API server on a free port (port 0) with the shop's test settings: the test auth
 * secret and cookie, origin and public URL http://localhost:3000, no trusted proxy. `overrides`
 * replaces any of them (and adds stripe, files, ...).
 */
export async function startTestApiServer(clients: TestApiClients, overrides: Partial<ApiServerDeps> = {}): Promise<{ base: string; close(): Promise<void> }> {
  const server = createApiServer({
    db: clients.db,
    redis: clients.redis,
    redisPrefix: clients.redisPrefix,
    queues: clients.queues,
    authSecret: TEST_AUTH_SECRET,
    sessionCookieName: sessionCookieName("web", false),
    allowedOrigins: ["http://localhost:3000"],
    trustedProxies: parseTrustedProxies(""),
    publicUrl: "http://localhost:3000",
    ...overrides,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    // Resolves once open connections have ended; the API tests do not wait for that.
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Sets environment variables for the test file (or describe block) before its tests, as the Next
 * route handlers read them, and after them closes the clients those handlers built
 * (getServerClients), if any, and restores the previous values. `values` runs in beforeAll, so it may read
 * the harness; `alsoRestore` names variables the tests themselves set.
 */
export function useProcessEnv(values: () => Record<string, string>, { alsoRestore = [] }: { alsoRestore?: string[] } = {}): void {
  let saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    const next = values();
    saved = Object.fromEntries([...Object.keys(next), ...alsoRestore].map((name) => [name, process.env[name]]));
    Object.assign(process.env, next);
  });
  afterAll(async () => {
    await closeServerClients();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}
