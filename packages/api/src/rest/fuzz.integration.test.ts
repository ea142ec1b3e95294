import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTrustedProxies } from "../http/client-ip.ts";
import { createApiServer } from "../http/standalone-server.ts";
import { webRouter } from "../root.ts";
import { fuzzServer, trpcProcedures } from "../testing/fuzz.ts";
import { useHarness } from "../testing/harness.ts";

// No 5xx from junk: every REST operation of the OpenAPI document and every tRPC procedure of the
// router get wrong types, huge and odd strings, NUL and control characters, bad path ids, broken
// JSON and bogus cart tokens through the standalone server; each answer must be a 4xx (or 2xx).

const LIMITS = ["POLL", "JOIN", "HOLD"].flatMap((policy) => [`RATE_LIMIT_${policy}_PER_MINUTE`, `RATE_LIMIT_${policy}_PER_CART_PER_MINUTE`]);
const saved = Object.fromEntries(LIMITS.map((name) => [name, process.env[name]]));
// Limits off, so junk reaches validation instead of stopping at 429.
for (const name of LIMITS) process.env[name] = "0";

const h = useHarness();
let base = "";
let close = () => {};

beforeAll(async () => {
  const server = createApiServer({ ...h.httpDeps(), trustedProxies: parseTrustedProxies(""), publicUrl: "http://localhost:3000" });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(() => {
  close();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("junk input", () => {
  it("a NUL byte in a path id is 400 VALIDATION_ERROR, not a database error", async () => {
    const response = await fetch(`${base}/api/v1/events/%00`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "VALIDATION_ERROR" } });
    const trpc = await fetch(`${base}/api/trpc/event.get?input=${encodeURIComponent(JSON.stringify({ json: { idOrSlug: "a\u0000b" } }))}`);
    expect(trpc.status).toBe(400);
  });

  it("answers no junk request with a 5xx, over REST and tRPC", { timeout: 240_000 }, async () => {
    const procedures = trpcProcedures(webRouter);
    expect(procedures.length).toBeGreaterThan(20);
    const report = await fuzzServer(base, { procedures });
    console.info(`fuzz: ${report.requests} requests, ${report.serverErrors} answered 5xx`);
    expect(report.requests).toBeGreaterThan(1000);
    expect(report.failures).toEqual([]);
    expect(report.serverErrors).toBe(0);
  });
});
