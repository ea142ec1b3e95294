import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { getLogger, requestIdFrom, withRequestId } from "../observability/logger.ts";
import type { RestDeps, RestRequest } from "../rest/handler.ts";
import { webRouter } from "../root.ts";
import { BODY_LIMITS, discardRefusedBody, readNodeText } from "./body-limit.ts";
import { clientIp, type TrustedProxies, UNKNOWN_CLIENT_IP } from "./client-ip.ts";
import { appOpenApiJson, handleAppRestRequest } from "./rest-app.ts";
import { documentToken, handleDocumentDownload } from "./document-download-http.ts";
import { handleStripeWebhook, STRIPE_WEBHOOK_PATH } from "./stripe-webhook-http.ts";
import { type AppSessionDeps, handleTrpcRequest } from "./trpc-fetch.ts";

/** The shop's clients and cookie: tRPC for buyers (webRouter); REST for buyers and organiser API tokens. */
export interface ApiServerDeps extends RestDeps, Omit<AppSessionDeps, "app"> {
  trustedProxies: TrustedProxies;
  /** Public origin the OpenAPI document names as its server (WEB_URL). */
  publicUrl: string;
  /** True once shutdown began (drain.ts): /healthz answers 503 `draining`. */
  draining?: () => boolean;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Uint8Array | ReadableStream<Uint8Array> | null) {
  res.writeHead(status, headers);
  // A streamed answer (CSV exports) is piped with backpressure; everything else is one write.
  if (body instanceof ReadableStream) return void Readable.fromWeb(body as NodeReadableStream<Uint8Array>).pipe(res);
  res.end(body ?? undefined);
  // An oversized body was not read: discard the rest (bounded) so the client reads the 413.
  if (status === 413) discardRefusedBody(res.req);
}

const notFound = JSON.stringify({ error: { code: "NOT_FOUND", message: "No such endpoint." } });

/**
 * The lean API server: the shop's router (as the web app's route handlers serve it) on plain
 * node:http, for the hot public paths, plus the organiser REST operations (bearer API tokens only);
 * organiser and door tRPC procedures live only in their apps.
 * /api/trpc/* (tRPC), /api/v1/* (REST), /api/openapi.json, /api/webhooks/stripe,
 * /api/documents/<token>, /healthz. The client address comes from the socket; X-Forwarded-For
 * only from TRUSTED_PROXIES. Each request has an id (X-Request-ID when sane, else new), answered in
 * X-Request-ID and carried by every log line written while handling it.
 */
export function createApiServer(deps: ApiServerDeps): Server {
  const openApiJson = appOpenApiJson(deps.publicUrl);
  return createServer((req, res) => {
    const logger = getLogger();
    const requestId = requestIdFrom(headerValue(req, "x-request-id"));
    res.setHeader("x-request-id", requestId);
    withRequestId(requestId, () => {
      if (logger.isLevelEnabled("debug")) logger.debug({ method: req.method, path: req.url?.split("?", 1)[0] }, "request");
      const ip = clientIp(req.socket.remoteAddress ?? null, headerValue(req, "x-forwarded-for"), deps.trustedProxies);
      route(req, res, ip, deps, openApiJson).catch((error: unknown) => {
        logger.error({ err: error }, "API server request failed");
        if (!res.headersSent)
          send(res, 500, { "content-type": "application/json" }, JSON.stringify({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }));
        else res.destroy();
      });
    });
  });
}

const headerValue = (req: IncomingMessage, name: string): string | null => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
};

/**
 * /api/v1/* on node:http: the REST surface as the web app's route serves it, without the fetch
 * Request/Response round trip (the standalone server, and the web origin's edge server for the
 * buyer's hot paths).
 */
export async function serveRestOnNode(req: IncomingMessage, res: ServerResponse, url: URL, ip: string | null, deps: RestDeps): Promise<void> {
  const restRequest: RestRequest = {
    method: req.method ?? "GET",
    url,
    ip,
    headers: { get: (name) => headerValue(req, name.toLowerCase()) },
    text: (limit = BODY_LIMITS.rest) => readNodeText(req, limit),
  };
  const response = await handleAppRestRequest(restRequest, deps);
  send(res, response.status, response.headers, req.method === "HEAD" ? null : (response.stream ?? response.body));
}

async function route(req: IncomingMessage, res: ServerResponse, ip: string | null, deps: ApiServerDeps, openApiJson: string) {
  const url = new URL(req.url ?? "/", "http://api.internal");
  if (url.pathname.startsWith("/api/v1/")) return serveRestOnNode(req, res, url, ip, deps);
  if (url.pathname.startsWith("/api/trpc/")) {
    // handleTrpcRequest caps the body (Content-Length first, then the stream) with a 413 in tRPC's shape.
    const request = incomingMessageToRequest(req, res, { maxBodySize: BODY_LIMITS.trpc });
    const response = await handleTrpcRequest(request, webRouter, { ...deps, app: "web", ip });
    return send(res, response.status, Object.fromEntries(response.headers), Buffer.from(await response.arrayBuffer()));
  }
  // Served when Stripe is configured (deps.stripe): the web origin's webhook path.
  if (url.pathname === STRIPE_WEBHOOK_PATH && deps.stripe) {
    const response = await handleStripeWebhook(
      { stripe: deps.stripe, queues: deps.queues },
      req.method ?? "GET",
      () => readNodeText(req, BODY_LIMITS.webhook),
      headerValue(req, "stripe-signature"),
    );
    return send(res, response.status, response.headers, response.body);
  }
  // Served when a file store is configured (deps.files): signed PDF downloads of the web origin.
  const token = deps.files ? documentToken(url.pathname) : null;
  if (token && deps.files) {
    const response = await handleDocumentDownload(
      { db: deps.db, files: deps.files, redis: deps.redis, redisPrefix: deps.redisPrefix },
      { method: req.method ?? "GET", ip: ip ?? UNKNOWN_CLIENT_IP },
      token,
    );
    return send(res, response.status, response.headers, response.body);
  }
  if (url.pathname === "/api/openapi.json")
    return send(res, 200, { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=60" }, openApiJson);
  // Draining: a load balancer or Kubernetes readiness probe stops sending traffic here.
  if (url.pathname === "/healthz")
    return deps.draining?.()
      ? send(res, 503, { "content-type": "text/plain", "cache-control": "no-store" }, "draining")
      : send(res, 200, { "content-type": "text/plain" }, "ok");
  return send(res, 404, { "content-type": "application/json; charset=utf-8" }, notFound);
}
