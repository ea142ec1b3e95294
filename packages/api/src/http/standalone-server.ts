import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import type { RestDeps, RestRequest } from "../rest/handler.ts";
import { webRouter } from "../root.ts";
import { clientIp, type TrustedProxies } from "./client-ip.ts";
import { appOpenApiJson, handleAppRestRequest } from "./rest-app.ts";
import { documentToken, handleDocumentDownload } from "./document-download-http.ts";
import { handleStripeWebhook, STRIPE_WEBHOOK_PATH } from "./stripe-webhook-http.ts";
import { type AppSessionDeps, handleTrpcRequest } from "./trpc-fetch.ts";

/** The shop's clients and cookie: this server answers buyers only (webRouter, public REST). */
export interface ApiServerDeps extends RestDeps, Omit<AppSessionDeps, "app"> {
  trustedProxies: TrustedProxies;
  /** Public origin the OpenAPI document names as its server (WEB_URL). */
  publicUrl: string;
}

const MAX_BODY_BYTES = 64 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit, stop buffering; the REST handler answers 400 for the oversized body.
      if (size <= MAX_BODY_BYTES + 1) chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Uint8Array | null) {
  res.writeHead(status, headers);
  res.end(body ?? undefined);
}

const notFound = JSON.stringify({ error: { code: "NOT_FOUND", message: "No such endpoint." } });

/**
 * The lean API server: the shop's router (as the web app's route handlers serve it) on plain
 * node:http, for the hot public paths; organiser and door procedures live only in their apps.
 * /api/trpc/* (tRPC), /api/v1/* (REST), /api/openapi.json, /api/webhooks/stripe,
 * /api/documents/<token>, /healthz. The client address comes from the socket; X-Forwarded-For
 * only from TRUSTED_PROXIES.
 */
export function createApiServer(deps: ApiServerDeps): Server {
  const openApiJson = appOpenApiJson(deps.publicUrl);
  return createServer((req, res) => {
    const ip = clientIp(req.socket.remoteAddress ?? null, headerValue(req, "x-forwarded-for"), deps.trustedProxies);
    route(req, res, ip, deps, openApiJson).catch((error: unknown) => {
      console.error("API server request failed:", error);
      if (!res.headersSent) send(res, 500, { "content-type": "application/json" }, JSON.stringify({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }));
      else res.destroy();
    });
  });
}

const headerValue = (req: IncomingMessage, name: string): string | null => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
};

async function route(req: IncomingMessage, res: ServerResponse, ip: string | null, deps: ApiServerDeps, openApiJson: string) {
  const url = new URL(req.url ?? "/", "http://api.internal");
  if (url.pathname.startsWith("/api/v1/")) {
    const restRequest: RestRequest = { method: req.method ?? "GET", url, ip, headers: { get: (name) => headerValue(req, name.toLowerCase()) }, text: () => readBody(req) };
    const response = await handleAppRestRequest(restRequest, deps);
    return send(res, response.status, response.headers, req.method === "HEAD" ? null : response.body);
  }
  if (url.pathname.startsWith("/api/trpc/")) {
    const request = incomingMessageToRequest(req, res, { maxBodySize: MAX_BODY_BYTES });
    const response = await handleTrpcRequest(request, webRouter, { ...deps, app: "web", ip });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    return res.end(Buffer.from(await response.arrayBuffer()));
  }
  // Served when Stripe is configured (deps.stripe): the web origin's webhook path.
  if (url.pathname === STRIPE_WEBHOOK_PATH && deps.stripe) {
    const response = await handleStripeWebhook({ stripe: deps.stripe, queues: deps.queues }, req.method ?? "GET", await readBody(req), headerValue(req, "stripe-signature"));
    return send(res, response.status, response.headers, response.body);
  }
  // Served when a file store is configured (deps.files): signed PDF downloads of the web origin.
  const token = deps.files ? documentToken(url.pathname) : null;
  if (token && deps.files) {
    const response = await handleDocumentDownload({ db: deps.db, files: deps.files }, req.method ?? "GET", token);
    return send(res, response.status, response.headers, response.body);
  }
  if (url.pathname === "/api/openapi.json") return send(res, 200, { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=60" }, openApiJson);
  if (url.pathname === "/healthz") return send(res, 200, { "content-type": "text/plain" }, "ok");
  return send(res, 404, { "content-type": "application/json; charset=utf-8" }, notFound);
}
