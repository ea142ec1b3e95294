import { sessionCookieName } from "../auth/options.ts";
import { clientIpBehindNext } from "./client-ip.ts";
import { appOpenApiJson, handleAppRestRequest, restRequestFromFetch, restResponseToFetch } from "./rest-app.ts";
import { appOrigin, getServerClients } from "./server-clients.ts";

/** The web app's route handler at /api/v1/[...path]: the procedures with `openapi` meta. */
export function createNextRestHandler() {
  return async (req: Request): Promise<Response> => {
    const { env, db, redis, redisPrefix, queues, realtime, trustedProxies } = getServerClients();
    const response = await handleAppRestRequest(restRequestFromFetch(req, clientIpBehindNext(req.headers.get("x-forwarded-for"), trustedProxies)), {
      db,
      redis,
      redisPrefix,
      queues,
      realtime,
      authSecret: env.AUTH_SECRET,
      sessionCookieName: sessionCookieName("web", appOrigin(env, "web").protocol === "https:"),
      allowedOrigins: [env.WEB_URL, env.ADMIN_URL, env.CHECKIN_URL].map((url) => new URL(url).origin),
    });
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
