// The shared page copy over a real node:http server, with a stand-in for Next's handler that
// renders a numbered body per call (so a test sees whether an answer was rendered or replayed).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createPageCache, pageCacheKey } from "./page-cache.ts";

type TRender = (req: IncomingMessage, res: ServerResponse, call: number) => void | Promise<void>;

/** Next's answer for a page it rendered without reading the request (ISR), in the request's language. */
const sharedPage: TRender = (req, res, call) => {
  res.setHeader("cache-control", "s-maxage=30, stale-while-revalidate=31535970");
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.end(`<html lang="${String(req.headers["x-test-locale"] ?? "")}">render ${call} of ${req.url} cookie=${req.headers.cookie ?? ""}</html>`);
};

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function start(render: TRender = sharedPage, options: Parameters<typeof createPageCache>[1] = {}) {
  let calls = 0;
  const cache = createPageCache(async (req, res) => render(req, res, ++calls), options);
  const server = createServer((req, res) => {
    cache.handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end("failed");
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string, headers: Record<string, string> = {}, method = "GET") => {
    const response = await fetch(`${base}${path}`, { headers, method });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
  return { cache, get, calls: () => calls };
}

describe("pageCacheKey", () => {
  const key = (url: string, headers: Record<string, string> = {}, method = "GET") => pageCacheKey({ method, url, headers })?.key ?? null;

  it("keys the listing, event pages and searches by path, language and encoding", () => {
    expect(key("/")).toBe("listing\nen\n/\n\n");
    expect(key("/events/jazz-night", { "accept-language": "de-DE,de;q=0.9", "accept-encoding": "gzip, br" })).toBe("event\nde\n/events/jazz-night\n\ngzip,br");
    expect(key("/events/jazz-night", { cookie: "marquee-locale=de" })).toBe("event\nde\n/events/jazz-night\n\n");
    expect(key("/en/events/jazz-night", { cookie: "marquee-locale=de" })).toBe("event\nen\n/en/events/jazz-night\n\n");
    expect(key("/search?q=night&city=Kiel")).toBe(key("/search?city=Kiel&q=night"));
  });

  it("sends anything signed-in, personal, client-side or unknown to Next", () => {
    expect(key("/", { cookie: "next-auth.session-token=abc" })).toBeNull();
    expect(key("/", { cookie: "marquee-locale=en; __Secure-next-auth.session-token=abc" })).toBeNull();
    expect(key("/", { authorization: "Bearer x" })).toBeNull();
    expect(key("/events/x", { rsc: "1" })).toBeNull();
    expect(key("/events/x", { "next-router-prefetch": "1" })).toBeNull();
    expect(key("/events/x?_rsc=abc")).toBeNull();
    expect(key("/search?q=night&page=2")).toBeNull();
    expect(key("/account")).toBeNull();
    expect(key("/events/x/queue")).toBeNull();
    expect(key("/robots.txt")).toBeNull();
    expect(key("/", {}, "POST")).toBeNull();
  });
});

describe("createPageCache", () => {
  it("renders a shareable page once, then answers from the copy with an ETag and 304 on revalidation", async () => {
    const site = await start();
    const first = await site.get("/events/jazz");
    const second = await site.get("/events/jazz");
    expect(site.calls()).toBe(1);
    expect(second.body).toBe(first.body);
    expect(second.headers.get("x-page-cache")).toBe("HIT");
    expect(second.headers.get("cache-control")).toBe("s-maxage=30, stale-while-revalidate=31535970");
    const etag = second.headers.get("etag")!;
    expect(etag).toMatch(/^"p-/);
    const revalidated = await site.get("/events/jazz", { "if-none-match": etag });
    expect(revalidated).toMatchObject({ status: 304, body: "" });
    const head = await site.get("/events/jazz", {}, "HEAD");
    expect(head).toMatchObject({ status: 200, body: "" });
    expect(site.calls()).toBe(1);
  });

  it("keeps each language apart: the URL prefix, the cookie and Accept-Language choose the copy", async () => {
    const site = await start();
    const english = await site.get("/events/jazz");
    const german = await site.get("/events/jazz", { "accept-language": "de" });
    expect(site.calls()).toBe(2);
    expect(german.body).not.toBe(english.body);
    expect((await site.get("/events/jazz", { cookie: "marquee-locale=de" })).body).toBe(german.body);
    expect((await site.get("/events/jazz", { "accept-language": "en-GB" })).body).toBe(english.body);
    expect(site.calls()).toBe(2);
  });

  it("never answers a signed-in request from the copy, and never keeps what it was sent", async () => {
    const site = await start();
    const anonymous = await site.get("/");
    const signedIn = await site.get("/", { cookie: "marquee-locale=en; next-auth.session-token=secret" });
    expect(signedIn.body).toContain("session-token=secret");
    expect(signedIn.headers.get("x-page-cache")).toBeNull();
    expect((await site.get("/")).body).toBe(anonymous.body);

    // A signed-in request that comes first: its answer is not kept for the next visitor either.
    const fresh = await start();
    await fresh.get("/events/jazz", { cookie: "next-auth.session-token=secret" });
    const visitor = await fresh.get("/events/jazz");
    expect(visitor.body).not.toContain("secret");
    expect(fresh.calls()).toBe(2);
  });

  it("keeps nothing that Next did not mark shareable: private, STALE, Set-Cookie or not 200", async () => {
    const answers: Record<string, (res: ServerResponse) => void> = {
      "/events/private": (res) => res.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate"),
      "/events/stale": (res) => res.setHeader("x-nextjs-cache", "STALE"),
      "/events/cookie": (res) => res.setHeader("set-cookie", "a=b"),
      "/events/missing": (res) => void (res.statusCode = 404),
    };
    const site = await start((req, res, call) => {
      res.setHeader("cache-control", "s-maxage=30");
      answers[req.url!]!(res);
      res.end(`render ${call}`);
    });
    for (const path of Object.keys(answers)) {
      await site.get(path);
      await site.get(path);
    }
    expect(site.calls()).toBe(8);
    expect(site.cache.stats()).toMatchObject({ entries: 0, stored: 0 });
  });

  it("keeps a search for its own short time, and only for its known fields", async () => {
    let now = 1_000;
    const site = await start(
      (req, res, call) => {
        res.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
        res.end(`search ${call}`);
      },
      { searchTtlMs: 2_000, now: () => now },
    );
    await site.get("/search?q=night");
    expect((await site.get("/search?q=night")).body).toBe("search 1");
    await site.get("/search?q=night&page=2");
    expect(site.calls()).toBe(2);
    now += 2_001;
    expect((await site.get("/search?q=night")).body).toBe("search 3");
  });

  it("lets concurrent misses of one page share one render", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const site = await start(async (req, res, call) => {
      await gate;
      sharedPage(req, res, call);
    });
    const pending = Array.from({ length: 5 }, () => site.get("/events/rush"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const bodies = new Set((await Promise.all(pending)).map((answer) => answer.body));
    expect(bodies.size).toBe(1);
    expect(site.calls()).toBe(1);
  });

  it("drops every copy on clear() and after its time, and keeps nothing when Next fails", async () => {
    let now = 1_000;
    let fail = false;
    const site = await start(
      (req, res, call) => {
        if (fail) throw new Error("render failed");
        sharedPage(req, res, call);
      },
      { ttlMs: 5_000, now: () => now },
    );
    await site.get("/");
    site.cache.clear();
    await site.get("/");
    expect(site.calls()).toBe(2);
    now += 5_001;
    fail = true;
    expect((await site.get("/")).status).toBe(500);
    expect((await site.get("/")).status).toBe(500);
    expect(site.cache.stats().entries).toBe(0);
  });
});
