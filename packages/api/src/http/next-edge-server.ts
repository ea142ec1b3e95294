import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { exitOnConfigError } from "@marquee/config/env";
import { readEdgeEnv } from "../env.ts";
import { configureLogger, getLogger } from "../observability/logger.ts";
import { clientIp, forwardedForAtEdge, markBehindEdgeServer, parseTrustedProxies, type TrustedProxies } from "./client-ip.ts";

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * The app's /api/v1 on node:http (standalone-server.ts's serveRestOnNode with the app's clients),
 * answered here instead of by Next's route, which serves the same handler through fetch objects;
 * `ip` is the client as the socket and TRUSTED_PROXIES say.
 */
export type TEdgeRest = (req: IncomingMessage, res: ServerResponse, ip: string | null) => Promise<void>;

/** What the apps' server entries pass in: `next({ dir })` (kept out of this package's dependencies). */
export interface NextAppLike {
  prepare(): Promise<void>;
  getRequestHandler(): NodeHandler;
  close?(): Promise<void>;
}

/**
 * A node:http server in front of Next's request handler. Next hides the socket from route
 * handlers and keeps any X-Forwarded-For a client sends, so this server writes the header from the
 * socket before Next sees the request: the peer alone when it is not a trusted proxy, the proxy's
 * header plus the peer when it is. Route handlers then read the rightmost entry as the peer
 * (clientIpBehindNext), which no client can choose.
 */
export function createEdgeServer(handle: NodeHandler, proxies: TrustedProxies, rest?: TEdgeRest): Server {
  markBehindEdgeServer();
  return createServer((req, res) => {
    // Next answers 500 to a path it cannot decode (`/api/v1/events/%ZZ`): refuse it here with 400.
    if (!isDecodablePath(req.url ?? "/")) {
      res.writeHead(400, { "content-type": "application/json; charset=utf-8" });
      return void res.end(MALFORMED_PATH);
    }
    const forwarded = req.headers["x-forwarded-for"];
    if (rest && req.url?.startsWith("/api/v1/")) {
      const ip = clientIp(req.socket.remoteAddress ?? null, Array.isArray(forwarded) ? forwarded.join(", ") : (forwarded ?? null), proxies);
      return void rest(req, res, ip).catch((error: unknown) => {
        getLogger().error({ err: error }, "request failed");
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
        else res.destroy();
      });
    }
    const value = forwardedForAtEdge(req.socket.remoteAddress ?? null, Array.isArray(forwarded) ? forwarded.join(", ") : (forwarded ?? null), proxies);
    if (value) req.headers["x-forwarded-for"] = value;
    else delete req.headers["x-forwarded-for"];
    Promise.resolve(handle(req, res)).catch((error: unknown) => {
      getLogger().error({ err: error }, "request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
      else res.destroy();
    });
  });
}

const MALFORMED_PATH = JSON.stringify({
  error: { code: "VALIDATION_ERROR", message: "The request path is not valid percent-encoded UTF-8, or holds a control character." },
});

// Unlike text fields, a path has no room for tabs or line breaks either.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const PATH_CONTROL = /[\u0000-\u001F\u007F]/;

/** The path decodes as UTF-8 (no `%ZZ`, no `%FF%FE`) and holds no control character once decoded. */
export function isDecodablePath(url: string): boolean {
  const path = url.split("?", 1)[0] ?? "";
  try {
    return !PATH_CONTROL.test(decodeURIComponent(path));
  } catch {
    return false;
  }
}

/** `--port N` from the command line (as `next start` takes it), else PORT, else the app's port. */
function portFrom(argv: string[], envPort: number, defaultPort: number): number {
  const index = argv.findIndex((arg) => arg === "--port" || arg === "-p");
  const given = index >= 0 ? Number(argv[index + 1]) : NaN;
  return Number.isInteger(given) && given > 0 ? given : envPort || defaultPort;
}

/**
 * Each app's `npm start` (apps/<app>/server.ts): Next's production server behind the edge server
 * on `--port`, PORT or the app's port (all interfaces, as `next start`), closed on SIGTERM/SIGINT.
 */
export async function runNextEdgeServer(
  app: NextAppLike,
  options: { name: string; defaultPort: number; hostname?: string; rest?: TEdgeRest },
): Promise<Server> {
  let proxies: TrustedProxies;
  let port: number;
  try {
    configureLogger({ role: options.name });
    const env = readEdgeEnv();
    proxies = parseTrustedProxies(env.TRUSTED_PROXIES);
    port = portFrom(process.argv.slice(2), env.PORT, options.defaultPort);
  } catch (error) {
    exitOnConfigError(error);
    throw error;
  }
  await app.prepare();
  const server = createEdgeServer(app.getRequestHandler(), proxies, options.rest);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, options.hostname, resolve));
  getLogger().info(`${options.name} listening on http://${options.hostname ?? "localhost"}:${port} (X-Forwarded-For from the socket, or from TRUSTED_PROXIES)`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeIdleConnections();
    void Promise.resolve(app.close?.()).finally(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  return server;
}
