import { type AppName, sessionCookieName } from "../auth/options.ts";
import { clientIpBehindNext } from "./client-ip.ts";
import { appOrigin, getServerClients } from "./server-clients.ts";
import { handleTrpcRequest } from "./trpc-fetch.ts";

/** The route handler each Next app mounts at /api/trpc/[trpc]. */
export function createNextTrpcHandler(app: AppName) {
  return (req: Request): Promise<Response> => {
    const { env, db, redis, redisPrefix, queues, realtime, trustedProxies } = getServerClients();
    return handleTrpcRequest(req, {
      db,
      redis,
      redisPrefix,
      queues,
      realtime,
      authSecret: env.AUTH_SECRET,
      sessionCookieName: sessionCookieName(app, appOrigin(env, app).protocol === "https:"),
      allowedOrigins: [env.WEB_URL, env.ADMIN_URL, env.CHECKIN_URL].map((url) => new URL(url).origin),
      ip: clientIpBehindNext(req.headers.get("x-forwarded-for"), trustedProxies),
    });
  };
}
