import { testDatabaseUrl } from "@marquee/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApiServer, useProcessEnv } from "../testing/api-server.ts";
import { useHarness } from "../testing/harness.ts";
import { createNextOpenApiHandler, createNextRestHandler } from "./next-rest-handler.ts";
import { createNextTrpcHandler } from "./next-trpc-handler.ts";

// The standalone server and the web app's route handlers serve the same routers: same status,
// same body, for REST, tRPC and the OpenAPI document.

const h = useHarness();
const SECRET = "test-auth-secret-0123456789abcdef";
let base = "";
let close = () => {};
// The route handlers build their clients from the environment, as under `next start`.
useProcessEnv(() => ({ DATABASE_URL: testDatabaseUrl(), REDIS_PREFIX: h.redisPrefix, AUTH_SECRET: SECRET, WEB_URL: "http://localhost:3000" }));

beforeAll(async () => {
  const server = await startTestApiServer(h, {
    authSecret: SECRET,
    allowedOrigins: ["http://localhost:3000", "http://localhost:3001", "http://localhost:3002"],
  });
  base = server.base;
  close = () => void server.close();
});

afterAll(() => close());

const nextRest = createNextRestHandler();
const nextTrpc = createNextTrpcHandler("web");
const read = async (response: Response) => ({ status: response.status, body: await response.text(), type: response.headers.get("content-type") });

describe("standalone API server", () => {
  it("answers REST exactly as the Next route handler", async () => {
    const { event } = await h.make.gaEvent({ priceMinor: 1200 });
    // Other test files add events meanwhile: list only this test's.
    await h.db.event.update({ where: { id: event.id }, data: { name: `Same ${event.slug}` } });
    const paths = [
      `/api/v1/events?search=Same%20${event.slug}`,
      `/api/v1/events/${event.id}`,
      `/api/v1/events/${event.slug}`,
      "/api/v1/events/missing",
      "/api/v1/events?limit=0",
      "/api/v1/nope",
    ];
    for (const path of paths) {
      const standalone = await read(await fetch(`${base}${path}`));
      const viaNext = await read(await nextRest(new Request(`http://localhost:3000${path}`)));
      expect({ path, ...standalone }).toEqual({ path, ...viaNext });
    }
    expect(JSON.parse((await read(await fetch(`${base}/api/v1/events/${event.id}`))).body)).toMatchObject({
      id: event.id,
      ticketTypes: [{ prices: [{ priceMinor: 1200 }] }],
    });
  });

  it("serves the same OpenAPI document", async () => {
    const standalone = await fetch(`${base}/api/openapi.json`);
    expect(standalone.status).toBe(200);
    expect(await standalone.json()).toEqual(await createNextOpenApiHandler()().json());
  });

  it("answers tRPC queries as the Next route handler", async () => {
    const { event } = await h.make.gaEvent();
    const input = encodeURIComponent(JSON.stringify({ json: { idOrSlug: event.slug } }));
    const listInput = encodeURIComponent(JSON.stringify({ json: { search: event.slug } }));
    for (const path of [`/api/trpc/event.get?input=${input}`, `/api/trpc/event.list?input=${listInput}`, "/api/trpc/nope.nothing"]) {
      const standalone = await read(await fetch(`${base}${path}`));
      const viaNext = await read(await nextTrpc(new Request(`http://localhost:3000${path}`)));
      expect({ path, ...standalone }).toEqual({ path, ...viaNext });
    }
  });

  it("carries tRPC mutations with their body, session cookie and CSRF guard", async () => {
    const user = await h.make.user({ name: "Before" });
    const { encode } = await import("next-auth/jwt");
    const cookie = `marquee-web.session-token=${await encode({ token: { sub: user.id, sessionVersion: 0, app: "web" }, secret: SECRET })}`;
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/api/trpc/account.updateProfile`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...headers },
        body: JSON.stringify({ json: { name: "After" } }),
      });
    expect((await post({ origin: "https://evil.example", "x-trpc-source": "web" })).status).toBe(403);
    expect((await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Before");
    expect((await post({ origin: "http://localhost:3000", "x-trpc-source": "web" })).status).toBe(200);
    expect((await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("After");
  });

  it("has /healthz and answers unknown paths 404 in the error shape", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const missing = await fetch(`${base}/elsewhere`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "NOT_FOUND", message: "No such endpoint." } });
  });
});
