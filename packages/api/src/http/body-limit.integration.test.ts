import { request as httpRequest } from "node:http";
import { testDatabaseUrl } from "@marquee/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApiServer, useProcessEnv } from "../testing/api-server.ts";
import { useHarness, TEST_AUTH_SECRET } from "../testing/harness.ts";
import { createStripeSettings } from "../services/payments/stripe-client.ts";
import { readStripeEnv } from "../env.ts";
import { BODY_LIMITS, TRPC_MAX_BATCH_SIZE } from "./body-limit.ts";
import { createNextAuthHandler } from "./next-auth-handler.ts";
import { createNextRestHandler } from "./next-rest-handler.ts";
import { createNextTrpcHandler } from "./next-trpc-handler.ts";
import { createNextStripeWebhookHandler } from "./server-clients.ts";

// Bounded input: every body past its cap is refused with 413 PAYLOAD_TOO_LARGE, on the standalone
// server and on the Next route handlers, before more than the cap is read.

const h = useHarness();
let base = "";
let close = () => {};
useProcessEnv(() => ({ DATABASE_URL: testDatabaseUrl(), REDIS_PREFIX: h.redisPrefix, AUTH_SECRET: TEST_AUTH_SECRET, WEB_URL: "http://localhost:3000" }));

beforeAll(async () => {
  const server = await startTestApiServer(h, { stripe: createStripeSettings(readStripeEnv({ NODE_ENV: "test" })) });
  base = server.base;
  close = () => void server.close();
});

afterAll(() => close());

const json = (bytes: number) => JSON.stringify({ padding: "x".repeat(bytes) });
const JSON_HEADERS = { "content-type": "application/json", origin: "http://localhost:3000", "x-trpc-source": "test" };

/** A body stream that never ends, counting what was pulled from it. */
function endlessBody(chunkBytes = 8 * 1024) {
  const counter = { pulled: 0 };
  const chunk = new Uint8Array(chunkBytes).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

/** POSTs with node:http (chunked when no length is given), stopping the upload once the answer comes. */
function rawPost(path: string, body: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: "POST", headers: { ...JSON_HEADERS, ...headers } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    // Chunked: the server cannot know the size up front and must stop reading at the cap.
    const piece = 16 * 1024;
    let offset = 0;
    const writeMore = () => {
      while (offset < body.length && !req.destroyed) {
        const ok = req.write(body.subarray(offset, (offset += piece)));
        if (!ok) return void req.once("drain", writeMore);
      }
      req.end();
    };
    writeMore();
  });
}

const codeOf = (text: string) => {
  const body = JSON.parse(text) as { error: { code?: string; json?: { data: { appCode: string } } } };
  return body.error.json?.data.appCode ?? body.error.code;
};

describe("standalone server body caps", () => {
  it("refuses an oversized REST body by its Content-Length with 413 PAYLOAD_TOO_LARGE", async () => {
    const response = await fetch(`${base}/api/v1/carts`, { method: "POST", headers: JSON_HEADERS, body: json(BODY_LIMITS.rest + 1) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("stops reading a chunked REST, tRPC or webhook body at its cap", async () => {
    const rest = await rawPost("/api/v1/carts", Buffer.from(json(200 * 1024)), { "transfer-encoding": "chunked" });
    expect(rest.status).toBe(413);
    expect(codeOf(rest.body)).toBe("PAYLOAD_TOO_LARGE");
    const trpc = await rawPost("/api/trpc/support.start", Buffer.from(json(200 * 1024)), { "transfer-encoding": "chunked" });
    expect(trpc.status).toBe(413);
    expect(codeOf(trpc.body)).toBe("PAYLOAD_TOO_LARGE");
    const webhook = await rawPost("/api/webhooks/stripe", Buffer.from(json(BODY_LIMITS.webhook + 1024)), {
      "transfer-encoding": "chunked",
      "stripe-signature": "t=1,v1=00",
    });
    expect(webhook.status).toBe(413);
    expect(codeOf(webhook.body)).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers a megabyte body with a readable 413 (not a reset connection), on a known or unknown tRPC path", async () => {
    const megabyte = Buffer.from(json(1024 * 1024));
    for (const path of ["/api/trpc/cart.create", "/api/trpc/no.such.procedure"]) {
      for (const headers of [{ "content-length": String(megabyte.length) }, { "transfer-encoding": "chunked" }] as Record<string, string>[]) {
        const answer = await rawPost(path, megabyte, headers);
        expect({ path, headers, status: answer.status, code: codeOf(answer.body) }).toEqual({ path, headers, status: 413, code: "PAYLOAD_TOO_LARGE" });
      }
    }
  });

  it("keeps bodies within the cap working", async () => {
    const response = await fetch(`${base}/api/v1/carts`, { method: "POST", headers: JSON_HEADERS, body: json(1024) });
    expect(response.status).toBeLessThan(300);
  });

  it(`refuses tRPC batches of more than ${TRPC_MAX_BATCH_SIZE} calls`, async () => {
    const batch = (n: number) =>
      `${base}/api/trpc/${Array.from({ length: n }, () => "event.list").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`;
    expect((await fetch(batch(2))).status).toBe(200);
    const over = await fetch(batch(TRPC_MAX_BATCH_SIZE + 1));
    expect(over.status).toBe(400);
  });
});

describe("Next route handler body caps", () => {
  const post = (url: string, body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    new Request(url, { method: "POST", headers: { ...JSON_HEADERS, ...headers }, body, duplex: "half" } as RequestInit);

  it("REST, tRPC, webhooks and next-auth refuse an oversized declared body with 413", async () => {
    const cases: [string, (req: Request) => Promise<Response>, string, number][] = [
      ["REST", createNextRestHandler(), "http://localhost:3000/api/v1/carts", BODY_LIMITS.rest],
      ["tRPC", createNextTrpcHandler("web"), "http://localhost:3000/api/trpc/support.start", BODY_LIMITS.trpc],
      ["webhook", createNextStripeWebhookHandler(), "http://localhost:3000/api/webhooks/stripe", BODY_LIMITS.webhook],
      [
        "auth",
        (req) => createNextAuthHandler("web")(req, { params: Promise.resolve({ nextauth: ["signin", "email"] }) }),
        "http://localhost:3000/api/auth/signin/email",
        BODY_LIMITS.auth,
      ],
    ];
    for (const [name, handler, url, limit] of cases) {
      const response = await handler(post(url, json(limit + 1)));
      expect({ name, status: response.status, code: codeOf(await response.text()) }).toEqual({ name, status: 413, code: "PAYLOAD_TOO_LARGE" });
    }
  });

  it("stop reading an endless streamed body at the cap", async () => {
    const cases: [(req: Request) => Promise<Response>, string, number][] = [
      [createNextRestHandler(), "http://localhost:3000/api/v1/carts", BODY_LIMITS.rest],
      [createNextTrpcHandler("web"), "http://localhost:3000/api/trpc/support.start", BODY_LIMITS.trpc],
      [createNextStripeWebhookHandler(), "http://localhost:3000/api/webhooks/stripe", BODY_LIMITS.webhook],
      [
        (req) => createNextAuthHandler("web")(req, { params: Promise.resolve({ nextauth: ["signin", "email"] }) }),
        "http://localhost:3000/api/auth/signin/email",
        BODY_LIMITS.auth,
      ],
    ];
    for (const [handler, url, limit] of cases) {
      const { stream, counter } = endlessBody();
      const response = await handler(post(url, stream));
      expect(response.status).toBe(413);
      // What was pulled: the cap, plus the chunk that crossed it and what the stream queued ahead.
      expect(counter.pulled).toBeLessThanOrEqual(limit + 4 * 8 * 1024);
    }
  });
});
