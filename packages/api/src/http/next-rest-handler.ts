import { clientIpBehindNext } from "./client-ip.ts";
import { appOpenApiJson, deviceOpenApiJson, handleAppRestRequest, handleDeviceRestRequest, restRequestFromFetch, restResponseToFetch } from "./rest-app.ts";
import { getServerClients, serverHttpDeps } from "./server-clients.ts";
import type { TEdgeRest } from "./next-edge-server.ts";
import { serveRestOnNode } from "./standalone-server.ts";

/** The web app's route handler at /api/v1/[...path]: the procedures with `openapi` meta. */
export function createNextRestHandler() {
  return async (req: Request): Promise<Response> => {
    const ip = clientIpBehindNext(req.headers.get("x-forwarded-for"), getServerClients().trustedProxies);
    const response = await handleAppRestRequest(restRequestFromFetch(req, ip), serverHttpDeps("web"));
    return restResponseToFetch(response, req.method);
  };
}

/**
 * The web app's /api/v1 for its edge server (apps/web/server.ts): the same handler and clients as
 * the route above, on node:http, so the buyer's hot paths (join, hold, status, channel auth) skip
 * Next's routing and fetch objects. The route stays for `next dev` and a bare `next start`.
 */
export function createEdgeRestHandler(): TEdgeRest {
  return (req, res, ip) => serveRestOnNode(req, res, new URL(req.url ?? "/", "http://web.internal"), ip, serverHttpDeps("web"));
}

/** The web app's route handler at /api/openapi.json. */
export function createNextOpenApiHandler() {
  return (): Response => {
    const { env } = getServerClients();
    return new Response(appOpenApiJson(env.WEB_URL), { headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=60" } });
  };
}

/**
 * The scanner app's route handler at /api/v1/[...path] (apps/checkin-pwa): the device operations
 * only, on the scanner's own origin, so the PWA calls same-origin /api/v1/checkin/... with its bearer.
 */
export function createNextDeviceRestHandler() {
  return async (req: Request): Promise<Response> => {
    const ip = clientIpBehindNext(req.headers.get("x-forwarded-for"), getServerClients().trustedProxies);
    const response = await handleDeviceRestRequest(restRequestFromFetch(req, ip), serverHttpDeps("checkin"));
    return restResponseToFetch(response, req.method);
  };
}

/** The scanner app's route handler at /api/openapi.json: the device operations' document, for its own origin. */
export function createNextDeviceOpenApiHandler() {
  return (): Response => {
    const { env } = getServerClients();
    return new Response(deviceOpenApiJson(env.CHECKIN_URL), {
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=60" },
    });
  };
}
