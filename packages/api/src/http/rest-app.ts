import { createOpenApiDocument } from "../rest/openapi-document.ts";
import { createRestHandler, type RestRequest, type RestResponse } from "../rest/handler.ts";
import { adminRouter, webRouter } from "../root.ts";
import { BODY_LIMITS, readFetchText } from "./body-limit.ts";

/**
 * The REST surface (/api/v1): the shop's operations and the console's organiser operations (bearer
 * organisation API tokens only), shared by the web app's route handlers and the standalone server.
 * Its context never carries a cookie session (rest/handler.ts, rest/bearer.ts).
 */
export const handleAppRestRequest = createRestHandler(webRouter, { organiser: adminRouter });

const documents = new Map<string, string>();

/** /api/openapi.json for the given public origin, built once per origin. */
export function appOpenApiJson(serverUrl: string): string {
  let document = documents.get(serverUrl);
  if (!document) documents.set(serverUrl, (document = JSON.stringify(createOpenApiDocument(webRouter, { serverUrl, organiser: adminRouter }))));
  return document;
}

/** A fetch Request as the transport-neutral REST request. */
export const restRequestFromFetch = (req: Request, ip: string | null): RestRequest => ({
  method: req.method,
  url: new URL(req.url),
  headers: req.headers,
  ip,
  text: () => readFetchText(req, BODY_LIMITS.rest),
});

export const restResponseToFetch = (response: RestResponse, method: string): Response =>
  new Response(method === "HEAD" ? null : (response.stream ?? response.body), { status: response.status, headers: response.headers });
