import { describe, expect, it } from "vitest";
import { webRouter } from "../root.ts";
import { readApiEnv } from "../env.ts";
import { useHarness } from "../testing/harness.ts";
import { allowedOriginsFor } from "./allowed-origins.ts";
import { handleTrpcRequest } from "./trpc-fetch.ts";

// The wire format clients and integrators see: machine-readable codes, 4xx for bad input.

const h = useHarness();
const serve = (req: Request) => handleTrpcRequest(req, webRouter, h.httpDeps());

// Errors travel through the superjson transformer: { error: { json: { message, code, data } } }.
const json = async (response: Response) => {
  const body = (await response.json()) as { error?: { json: { message: string; data: Record<string, unknown> } }; result?: unknown };
  return { status: response.status, body: { result: body.result, error: body.error?.json } };
};

describe("tRPC over HTTP", () => {
  it("answers a query", async () => {
    const { status, body } = await json(await serve(new Request("http://localhost:3000/api/trpc/event.list")));
    expect(status).toBe(200);
    expect(body.result).toBeDefined();
  });

  it("answers bad input with 400 and VALIDATION_ERROR naming the field", async () => {
    const input = encodeURIComponent(JSON.stringify({ json: { limit: "lots" } }));
    const { status, body } = await json(await serve(new Request(`http://localhost:3000/api/trpc/event.list?input=${input}`)));
    expect(status).toBe(400);
    expect(body.error?.data).toMatchObject({ appCode: "VALIDATION_ERROR", issues: [expect.objectContaining({ path: "limit" })] });
  });

  it("answers a missing session with 401 UNAUTHORIZED", async () => {
    const { status, body } = await json(await serve(new Request("http://localhost:3000/api/trpc/account.me")));
    expect(status).toBe(401);
    expect(body.error?.data).toMatchObject({ appCode: "UNAUTHORIZED" });
  });

  it("refuses cross-site mutations (CSRF) and changes nothing", async () => {
    const user = await h.make.user({ name: "Before" });
    const { encode } = await import("next-auth/jwt");
    const cookie = `marquee-web.session-token=${await encode({ token: { sub: user.id, sessionVersion: 0, app: "web" }, secret: "test-auth-secret-0123456789abcdef" })}`;
    const post = (headers: Record<string, string>) =>
      serve(
        new Request("http://localhost:3000/api/trpc/account.updateProfile", {
          method: "POST",
          headers: { cookie, ...headers },
          body: JSON.stringify({ json: { name: "pwned" } }),
        }),
      );

    // A classic form post: text/plain is refused outright.
    expect((await post({ "content-type": "text/plain", origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(415);
    // JSON without our client's header, or from another site: the CSRF guard answers.
    const attempts: Record<string, string>[] = [
      { origin: "http://localhost:3000" },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site", "x-trpc-source": "web" },
    ];
    for (const headers of attempts) {
      const { status, body } = await json(await post({ "content-type": "application/json", ...headers }));
      expect(status).toBe(403);
      expect(body.error?.data).toMatchObject({ appCode: "CSRF_REJECTED" });
    }
    expect((await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Before");

    const ok = await post({ "content-type": "application/json", origin: "http://localhost:3000", "sec-fetch-site": "same-origin", "x-trpc-source": "web" });
    expect(ok.status).toBe(200);
    expect((await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("pwned");
  });

  it("answers unknown procedures with 404", async () => {
    const { status, body } = await json(await serve(new Request("http://localhost:3000/api/trpc/nope.nothing")));
    expect(status).toBe(404);
    expect(body.error?.data).toMatchObject({ appCode: "NOT_FOUND" });
  });
});

describe("the CSRF guard's origins (allowedOriginsFor)", () => {
  const configured = { WEB_URL: "http://localhost:3000", ADMIN_URL: "http://localhost:3001", CHECKIN_URL: "http://localhost:3002" };
  const createCart = async (nodeEnv: string, origin: string, aliasesFlag?: string) => {
    const { ACCEPT_LOOPBACK_ALIASES } = readApiEnv({ NODE_ENV: nodeEnv, AUTH_SECRET: "a-test-secret-of-some-length", ACCEPT_LOOPBACK_ALIASES: aliasesFlag });
    const deps = h.httpDeps({ allowedOrigins: allowedOriginsFor({ ...configured, ACCEPT_LOOPBACK_ALIASES }, "web") });
    const request = new Request("http://localhost:3000/api/trpc/cart.create", {
      method: "POST",
      headers: { "content-type": "application/json", origin, "sec-fetch-site": "same-origin", "x-trpc-source": "web" },
      body: JSON.stringify({ json: null }),
    });
    const response = await handleTrpcRequest(request, webRouter, deps);
    const body = (await response.json()) as { error?: { json: { message: string; data: Record<string, unknown> } } };
    return { status: response.status, error: body.error?.json };
  };

  it("accepts the loopback aliases of the configured origins in development and tests", async () => {
    for (const origin of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]) {
      expect(await createCart("test", origin)).toMatchObject({ status: 200 });
    }
    expect(await createCart("development", "http://127.0.0.1:3000")).toMatchObject({ status: 200 });
    // Same scheme and port only.
    for (const origin of ["http://127.0.0.1:4000", "https://127.0.0.1:3000"]) {
      expect(await createCart("test", origin)).toMatchObject({ status: 403, error: { data: { appCode: "CSRF_REJECTED" } } });
    }
  });

  it("accepts them in production only when ACCEPT_LOOPBACK_ALIASES is on (npm start's apps)", async () => {
    expect(await createCart("production", "http://127.0.0.1:3000", "true")).toMatchObject({ status: 200 });
    expect(await createCart("production", "http://[::1]:3000", "1")).toMatchObject({ status: 200 });
    expect(await createCart("production", "http://evil.example", "true")).toMatchObject({ status: 403, error: { data: { appCode: "CSRF_REJECTED" } } });
    expect(await createCart("test", "http://127.0.0.1:3000", "false")).toMatchObject({ status: 403, error: { data: { appCode: "CSRF_REJECTED" } } });
  });

  it("refuses a loopback alias in production, naming the origin and the address to open", async () => {
    expect(await createCart("production", "http://localhost:3000")).toMatchObject({ status: 200 });
    expect(await createCart("production", "http://127.0.0.1:3000")).toMatchObject({
      status: 403,
      error: {
        message: "Requests from http://127.0.0.1:3000 are not accepted here; open the site at http://localhost:3000.",
        data: { appCode: "CSRF_REJECTED", details: { origin: "http://127.0.0.1:3000", expected: "http://localhost:3000" } },
      },
    });
  });

  it("refuses another site's origin in every mode with the same clear message", async () => {
    for (const nodeEnv of ["test", "development", "production"]) {
      expect(await createCart(nodeEnv, "http://evil.example")).toMatchObject({
        status: 403,
        error: {
          message: "Requests from http://evil.example are not accepted here; open the site at http://localhost:3000.",
          data: { appCode: "CSRF_REJECTED" },
        },
      });
    }
  });
});
