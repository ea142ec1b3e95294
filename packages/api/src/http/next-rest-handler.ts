import { clientIpBehindNext } from "./client-ip.ts";
import { appOpenApiJson, handleAppRestRequest, restRequestFromFetch, restResponseToFetch } from "./rest-app.ts";
import { getServerClients, serverHttpDeps } from "./server-clients.ts";

/** The web app's route handler at /api/v1/[...path]: the procedures with `openapi` meta. */
export function createNextRestHandler() {
  return async (req: Request): Promise<Response> => {
    const ip = clientIpBehindNext(req.headers.get("x-forwarded-for"), getServerClients().trustedProxies);
    const response = await handleAppRestRequest(restRequestFromFetch(req, ip), serverHttpDeps("web"));
    return restResponseToFetch(response, req.method);
  };
}

/** The web app's route handler at /api/openapi.json. */
export function createNextOpenApiHandler() {
  return (): Response => {
    const { env } = getServerClients();
    return new Response(appOpenApiJson(env.WEB_URL), { headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=60" } });
  };
}
