// Bounded input: a body over its cap is refused with 413, whether it declares its size
// (Content-Length) or streams it chunked without one, on every Next app's /api/* and on the
// standalone API server. Anything but 413 counts as let through.
import { type ClientRequest, request } from "node:http";
import type { Attack, AttackContext } from "./types.ts";

const KB = 1024;
/** The caps: REST 64 KB, webhooks 512 KB; tRPC and next-auth get "a cap", taken here as at most 1 MB. */
const CAPS = { rest: 64 * KB, webhook: 512 * KB, trpc: 1024 * KB, auth: 1024 * KB } as const;
/** How far past its cap each body goes. */
const OVER = 64 * KB;
const TIMEOUT_MS = 30_000;

type Kind = keyof typeof CAPS;

interface Target {
  server: "web" | "admin" | "checkin" | "api";
  path: string;
  kind: Kind;
}

const TARGETS: Target[] = [
  { server: "web", path: "/api/v1/carts", kind: "rest" },
  { server: "web", path: "/api/trpc/cart.create", kind: "trpc" },
  { server: "web", path: "/api/webhooks/stripe", kind: "webhook" },
  { server: "web", path: "/api/auth/callback/credentials", kind: "auth" },
  { server: "admin", path: "/api/trpc/account.updateProfile", kind: "trpc" },
  { server: "admin", path: "/api/auth/callback/credentials", kind: "auth" },
  { server: "checkin", path: "/api/trpc/account.updateProfile", kind: "trpc" },
  { server: "checkin", path: "/api/auth/callback/credentials", kind: "auth" },
  { server: "api", path: "/api/v1/carts", kind: "rest" },
  { server: "api", path: "/api/trpc/cart.create", kind: "trpc" },
  { server: "api", path: "/api/webhooks/stripe", kind: "webhook" },
];

/** A syntactically plausible body of `size` bytes for the endpoint's content type. */
function bodyFor(kind: Kind, size: number): { contentType: string; body: Buffer } {
  if (kind === "auth") {
    const head = "email=someone%40example.test&csrfToken=x&password=";
    return { contentType: "application/x-www-form-urlencoded", body: Buffer.from(head.padEnd(size, "a")) };
  }
  const head = kind === "trpc" ? '{"json":{"name":"' : '{"name":"';
  const tail = kind === "trpc" ? '"}}' : '"}';
  return { contentType: "application/json", body: Buffer.from(head + "a".repeat(size - head.length - tail.length) + tail) };
}

/**
 * POSTs the body and answers the status, or "no answer (<reason>)". Stops writing as soon as the
 * server answers (it may refuse before the body is through).
 */
export function postBody(url: string, contentType: string, body: Buffer, chunked: boolean, origin: string): Promise<string | number> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: string | number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
      req.destroy();
    };
    const headers: Record<string, string | number> = { "content-type": contentType, origin, "x-trpc-source": "security", "stripe-signature": "t=1,v1=00" };
    if (chunked) headers["transfer-encoding"] = "chunked";
    else headers["content-length"] = body.length;
    const req = request(url, { method: "POST", headers });
    const timer = setTimeout(() => done("no answer (timed out)"), TIMEOUT_MS);
    req.on("response", (response) => {
      response.resume();
      done(response.statusCode ?? 0);
    });
    req.on("error", (error: NodeJS.ErrnoException) => done(`no answer (${error.code ?? error.message})`));
    void (async () => {
      for (let offset = 0; offset < body.length && !settled; offset += 16 * KB) {
        const more = req.write(body.subarray(offset, offset + 16 * KB));
        if (!more) await drainedOrClosed(req);
      }
      if (!settled) req.end();
    })();
  });
}

/** Waits for the socket to take more, or to close; the listener left behind is removed each time. */
function drainedOrClosed(req: ClientRequest): Promise<void> {
  return new Promise<void>((resume) => {
    const onEither = () => {
      req.off("drain", onEither).off("close", onEither);
      resume();
    };
    req.once("drain", onEither).once("close", onEither);
  });
}

const urlFor = (context: AttackContext, server: Target["server"]) => context.urls[server];
/** The standalone server stands behind the web origin (rest/README.md): browsers send that Origin. */
const originFor = (context: AttackContext, server: Target["server"]) => new URL(context.urls[server === "api" ? "web" : server]).origin;

export const oversizedBodies: Attack = {
  name: "oversized bodies",
  async run(context, tally) {
    for (const target of TARGETS) {
      const { contentType, body } = bodyFor(target.kind, CAPS[target.kind] + OVER);
      const base = urlFor(context, target.server);
      for (const chunked of [false, true]) {
        const status = await postBody(`${base}${target.path}`, contentType, body, chunked, originFor(context, target.server));
        const how = chunked ? "chunked, no Content-Length" : "with Content-Length";
        tally.check(`${target.server} ${target.path}: ${body.length / KB} KB ${how} answered ${status}`, status !== 413);
      }
    }
  },
};
