import { type AppName, sessionCookieName } from "../auth/options.ts";
import { sessionFromRequest } from "../auth/session-from-request.ts";
import { type Context, createContextInner } from "../context.ts";
import type { SessionUser } from "../session.ts";
import { appOrigin, getServerClients } from "./server-clients.ts";

/** What server components can hand over: Next's `await headers()` (read-only) fits. */
type RequestHeaders = Pick<Headers, "get">;

/**
 * The signed-in user of a server component, page or server action, read from the app's session
 * cookie and re-checked against the database exactly as the tRPC route handler does. Pages gate
 * on this; middleware alone is never the check.
 */
export function getNextServerSession(app: AppName, headers: RequestHeaders): Promise<SessionUser | null> {
  const { env, db } = getServerClients();
  return sessionFromRequest(
    { db, secret: env.AUTH_SECRET, cookieName: sessionCookieName(app, appOrigin(env, app).protocol === "https:"), app },
    new Headers({ cookie: headers.get("cookie") ?? "" }),
  );
}

/**
 * A tRPC context for calling procedures from server components (prefetching for hydration): the
 * same clients and session as the route handler, without an HTTP round trip.
 */
export async function createNextServerContext(app: AppName, headers: RequestHeaders): Promise<Context> {
  const { env, db, dbRead, redis, redisPrefix, queues, realtime } = getServerClients();
  return createContextInner({
    db,
    dbRead,
    redis,
    redisPrefix,
    queues,
    realtime,
    session: await getNextServerSession(app, headers),
    request: { method: "GET", origin: null, secFetchSite: null, trpcSource: "rsc", cartToken: null, admissionToken: null, idempotencyKey: null },
    allowedOrigins: [env.WEB_URL, env.ADMIN_URL, env.CHECKIN_URL].map((url) => new URL(url).origin),
  });
}
