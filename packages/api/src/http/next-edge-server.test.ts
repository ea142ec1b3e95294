import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { parseTrustedProxies } from "./client-ip.ts";
import { createEdgeServer, isDecodablePath } from "./next-edge-server.ts";

describe("the apps' edge server", () => {
  it("tells decodable paths from ones Next cannot decode or that hide control characters", () => {
    for (const good of ["/", "/api/v1/events/northern-lights", "/de/events/caf%C3%A9?search=%ZZ", "/api/trpc/event.list,event.get?batch=1"])
      expect(isDecodablePath(good)).toBe(true);
    for (const bad of ["/api/v1/events/%ZZ", "/api/v1/events/%FF%FE", "/api/v1/events/%00", "/events/a%0Ab", "/%E0%A4%A"])
      expect(isDecodablePath(bad)).toBe(false);
  });

  const handled: string[] = [];
  const server = createEdgeServer((req, res) => {
    handled.push(req.url ?? "");
    res.writeHead(200).end("next");
  }, parseTrustedProxies(""));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers a malformed path with 400 VALIDATION_ERROR before Next sees it, and passes good ones on", async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const bad = await fetch(`${base}/api/v1/events/%ZZ/availability`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "VALIDATION_ERROR" } });
    const good = await fetch(`${base}/api/v1/events/northern-lights`);
    expect([good.status, await good.text()]).toEqual([200, "next"]);
    expect(handled).toEqual(["/api/v1/events/northern-lights"]);
  });
});

describe("the edge server's own /api/v1", () => {
  const seen: { to: string; url: string; ip: string | null; forwarded?: string }[] = [];
  const server = createEdgeServer(
    (req, res) => {
      seen.push({ to: "next", url: req.url ?? "", ip: null, forwarded: String(req.headers["x-forwarded-for"]) });
      res.writeHead(200).end("next");
    },
    parseTrustedProxies(""),
    async (req, res, ip) => {
      seen.push({ to: "rest", url: req.url ?? "", ip });
      res.writeHead(201).end("rest");
    },
  );
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers /api/v1 with the REST handler and the socket's address (never a client's X-Forwarded-For); the rest goes to Next", async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const forged = { "x-forwarded-for": "203.0.113.9" };
    const rest = await fetch(`${base}/api/v1/events/x/holds`, { method: "POST", headers: forged, body: "{}" });
    expect([rest.status, await rest.text()]).toEqual([201, "rest"]);
    const page = await fetch(`${base}/events/x`, { headers: forged });
    expect([page.status, await page.text()]).toEqual([200, "next"]);
    // A malformed path is still refused before either.
    expect((await fetch(`${base}/api/v1/events/%ZZ`)).status).toBe(400);
    expect(seen).toEqual([
      { to: "rest", url: "/api/v1/events/x/holds", ip: "127.0.0.1" },
      { to: "next", url: "/events/x", ip: null, forwarded: "127.0.0.1" },
    ]);
  });
});
