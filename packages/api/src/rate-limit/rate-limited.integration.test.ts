import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testDatabaseUrl } from "@marquee/db/testing";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { afterAll, describe, expect, it } from "vitest";
import { parseTrustedProxies } from "../http/client-ip.ts";
import { createNextRestHandler } from "../http/next-rest-handler.ts";
import { createEdgeServer } from "../http/next-edge-server.ts";
import { readApiEnv } from "../env.ts";
import { startTestApiServer, useProcessEnv } from "../testing/api-server.ts";
import { useHarness } from "../testing/harness.ts";
import { createLocalFileStore } from "../services/files/local-file-store.ts";
import type { FileStore } from "../services/files/file-store.ts";
import { rateLimitsFromEnv } from "./limits.ts";
import { dataNodes } from "../lib/redis-client.ts";

// Rate limits as clients meet them: real sockets (the standalone server sees the peer address),
// real Redis. The poll policy's limits are lowered for this file, as load tests raise them.
useProcessEnv(() => ({ RATE_LIMIT_POLL_PER_MINUTE: "4", RATE_LIMIT_POLL_PER_CART_PER_MINUTE: "3", RATE_LIMIT_DOCUMENT_PER_MINUTE: "3" }));

const h = useHarness();
const servers: { close(): void }[] = [];
afterAll(() => servers.forEach((server) => server.close()));
let serverCount = 0;

/** A standalone API server on a free port with its own Redis namespace (fresh counters). */
async function startServer(trustedProxies: string, files: FileStore | null = null) {
  const { base, close } = await startTestApiServer(h, {
    files,
    redisPrefix: `${h.redisPrefix}:s${++serverCount}`,
    trustedProxies: parseTrustedProxies(trustedProxies),
  });
  servers.push({ close: () => void close() });
  return { prefix: `${h.redisPrefix}:s${serverCount}`, get: (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers }) };
}

const statuses = async (requests: Promise<Response>[]) => Promise.all(requests.map(async (request) => (await request).status));

describe("rate limits", () => {
  it("read their limits from RATE_LIMIT_* variables", () => {
    expect(rateLimitsFromEnv(readApiEnv({ NODE_ENV: "test", RATE_LIMIT_HOLD_PER_MINUTE: "7", RATE_LIMIT_HOLD_PER_CART_PER_MINUTE: "0" })).hold).toEqual({
      perIp: 7,
      perCart: 0,
    });
    expect(rateLimitsFromEnv(readApiEnv({ NODE_ENV: "test" })).poll).toEqual({ perIp: 600, perCart: 300 });
    expect(() => readApiEnv({ NODE_ENV: "test", TRUSTED_PROXIES: "10.0.0.0/8,proxy" })).toThrowError(/^Invalid configuration: TRUSTED_PROXIES/);
  });

  it("answer 429 RATE_LIMITED with Retry-After once a client IP is over its limit, and ignore X-Forwarded-For from untrusted peers", async () => {
    const api = await startServer("");
    expect(await statuses([1, 2, 3, 4].map(() => api.get("/api/v1/events")))).toEqual([200, 200, 200, 200]);
    // A client that invents X-Forwarded-For addresses is still the socket's address.
    const limited = await api.get("/api/v1/events", { "x-forwarded-for": "198.51.100.99" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ error: { code: "RATE_LIMITED", message: expect.stringMatching(/Try again/) } });
    // In a cluster each master holds some keys: ask them all.
    const keys = await Promise.all(dataNodes(h.redis).map((node) => node.keys(`${api.prefix}:rl:poll:ip*`)));
    expect(keys.flat()).not.toHaveLength(0);
  });

  it("trust X-Forwarded-For from a trusted proxy: each forwarded client has its own budget", async () => {
    const api = await startServer("127.0.0.1");
    const from = (ip: string) => api.get("/api/v1/events", { "x-forwarded-for": ip });
    expect(await statuses([1, 2, 3, 4, 5].map(() => from("203.0.113.10")))).toEqual([200, 200, 200, 200, 429]);
    expect((await from("203.0.113.11")).status).toBe(200);
    // A spoofed left-hand entry does not help: the proxy's own entry (rightmost) counts.
    expect((await from("203.0.113.11, 203.0.113.10")).status).toBe(429);
  });

  it("limit per cart token across addresses, on REST and on tRPC", async () => {
    const api = await startServer("127.0.0.1");
    const cart = { "x-cart-token": `cart-${crypto.randomUUID()}` };
    const codes = await statuses([1, 2, 3].map((n) => api.get("/api/v1/events", { ...cart, "x-forwarded-for": `203.0.113.${20 + n}` })));
    expect(codes).toEqual([200, 200, 200]);
    const overRest = await api.get("/api/v1/events", { ...cart, "x-forwarded-for": "203.0.113.30" });
    expect(overRest.status).toBe(429);
    const overTrpc = await api.get("/api/trpc/event.list", { ...cart, "x-forwarded-for": "203.0.113.31" });
    expect(overTrpc.status).toBe(429);
    expect(Number(overTrpc.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await overTrpc.json()).toMatchObject({ error: { json: { data: { appCode: "RATE_LIMITED", httpStatus: 429 } } } });
    // Another cart from a fresh address is unaffected.
    expect((await api.get("/api/v1/events", { "x-cart-token": "another-cart", "x-forwarded-for": "203.0.113.32" })).status).toBe(200);
  });
});

describe("rate limits that cannot be side-stepped", () => {
  it("count a client whose address cannot be determined in one shared bucket", async () => {
    // A trusted proxy forwarding garbage: the address is unknown, yet the request is counted.
    const api = await startServer("127.0.0.1");
    const codes = await statuses([1, 2, 3, 4, 5].map((n) => api.get("/api/v1/events", { "x-forwarded-for": `not-an-ip-${n}` })));
    expect(codes).toEqual([200, 200, 200, 200, 429]);
    expect(await h.redis.exists(`${api.prefix}:rl:poll:ip:unknown`)).toBe(1);
  });

  it("limit signed document downloads per client IP (RATE_LIMIT_DOCUMENT_PER_MINUTE)", async () => {
    const api = await startServer("", createLocalFileStore(mkdtempSync(join(tmpdir(), "marquee-rl-files-"))));
    const codes = await statuses([1, 2, 3, 4].map((n) => api.get(`/api/documents/v1.bogus${n}.sig`)));
    expect(codes).toEqual([404, 404, 404, 429]);
  });

  it("count IPv6 clients per /64", async () => {
    const api = await startServer("127.0.0.1");
    const codes = await statuses([1, 2, 3, 4, 5].map((n) => api.get("/api/v1/events", { "x-forwarded-for": `2001:db8:5:6:${n}::${n}` })));
    expect(codes).toEqual([200, 200, 200, 200, 429]);
    // Another /64 has its own budget.
    expect((await api.get("/api/v1/events", { "x-forwarded-for": "2001:db8:5:7::1" })).status).toBe(200);
  });

  describe("behind Next", () => {
    useProcessEnv(() => ({ DATABASE_URL: testDatabaseUrl(), REDIS_PREFIX: `${h.redisPrefix}.next`, TRUSTED_PROXIES: "" }));

    it("a bare Next route handler ignores X-Forwarded-For: invented addresses share the unknown bucket", async () => {
      const handler = createNextRestHandler();
      const get = (ip: string) => handler(new Request("http://localhost:3000/api/v1/events", { headers: { "x-forwarded-for": ip } }));
      const codes = [];
      for (const n of [1, 2, 3, 4, 5]) codes.push((await get(`198.51.100.${n}`)).status);
      expect(codes).toEqual([200, 200, 200, 200, 429]);
    });

    it("behind the edge server the socket's address counts, whatever the client writes", async () => {
      await h.redis.del(`${h.redisPrefix}.next:rl:poll:ip:127.0.0.1`);
      const handler = createNextRestHandler();
      const server = createEdgeServer(async (req, res) => {
        const response = await handler(incomingMessageToRequest(req, res, { maxBodySize: null }));
        res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
      }, parseTrustedProxies(""));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      servers.push(server);
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const codes = await statuses([1, 2, 3, 4, 5].map((n) => fetch(`${base}/api/v1/events`, { headers: { "x-forwarded-for": `203.0.113.${n}` } })));
      expect(codes).toEqual([200, 200, 200, 200, 429]);
      expect(await h.redis.exists(`${h.redisPrefix}.next:rl:poll:ip:127.0.0.1`)).toBe(1);
    });
  });
});
