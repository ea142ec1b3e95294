import { describe, expect, it } from "vitest";
import { webRouter } from "../root.ts";
import { useHarness } from "../testing/harness.ts";
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
