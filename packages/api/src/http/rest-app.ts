import { createOpenApiDocument } from "../rest/openapi-document.ts";
import { createRestHandler, type RestRequest, type RestResponse } from "../rest/handler.ts";
import { adminRouter, deviceRouter, webRouter } from "../root.ts";
import { createTRPCRouter } from "../trpc.ts";
import { BODY_LIMITS, readFetchText } from "./body-limit.ts";

/**
 * The REST surface (/api/v1): the shop's operations, the console's organiser operations (bearer
 * organisation API tokens only) and the door scanners' (bearer device credentials), shared by the
 * web app's route handlers and the standalone server. Its context never carries a cookie session
 * (rest/handler.ts, rest/bearer.ts).
 */
export const handleAppRestRequest = createRestHandler(webRouter, { organiser: adminRouter, device: deviceRouter });

/**
 * The scanner app's own /api/v1 (apps/checkin-pwa): the device operations only, so the PWA calls
 * its own origin with its bearer credential and no shop or organiser operation is reachable there.
 */
export const handleDeviceRestRequest = createRestHandler(createTRPCRouter({}), { device: deviceRouter });

const documents = new Map<string, string>();

/** /api/openapi.json for the given public origin, built once per origin. */
export function appOpenApiJson(serverUrl: string): string {
  let document = documents.get(serverUrl);
  if (!document)
    documents.set(serverUrl, (document = JSON.stringify(createOpenApiDocument(webRouter, { serverUrl, organiser: adminRouter, device: deviceRouter }))));
  return document;
}

const deviceDocuments = new Map<string, string>();

/** The scanner app's /api/openapi.json: only the device operations, for its own origin. */
export function deviceOpenApiJson(serverUrl: string): string {
  let document = deviceDocuments.get(serverUrl);
  if (!document) deviceDocuments.set(serverUrl, (document = JSON.stringify(createOpenApiDocument(createTRPCRouter({}), { serverUrl, device: deviceRouter }))));
  return document;
}

/** A fetch Request as the transport-neutral REST request. */
export const restRequestFromFetch = (req: Request, ip: string | null): RestRequest => ({
  method: req.method,
  url: new URL(req.url),
  headers: req.headers,
  ip,
  text: (limit = BODY_LIMITS.rest) => readFetchText(req, limit),
});

export const restResponseToFetch = (response: RestResponse, method: string): Response =>
  new Response(method === "HEAD" ? null : (response.stream ?? response.body), { status: response.status, headers: response.headers });
