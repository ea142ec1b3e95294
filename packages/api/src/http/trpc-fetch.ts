import { type AnyTRPCRouter, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getErrorShape, transformTRPCResponse } from "@trpc/server/unstable-core-do-not-import";
import type { AppName } from "../auth/app-session-token.ts";
import { sessionFromRequest } from "../auth/session-from-request.ts";
import { retryAfterOf } from "../rest/errors.ts";
import { contextFromDeps, type RestDeps } from "../rest/handler.ts";
import { AppError } from "../errors.ts";
import { getLogger } from "../observability/logger.ts";
import { BODY_LIMITS, payloadTooLarge, TRPC_MAX_BATCH_SIZE, withBufferedBody } from "./body-limit.ts";
import { UNKNOWN_CLIENT_IP } from "./client-ip.ts";

/** Whose session cookie a tRPC endpoint reads: only that app's cookie, issued by that app. */
export interface AppSessionDeps {
  app: AppName;
  authSecret: string;
  sessionCookieName: string;
}

export type TrpcFetchDeps = RestDeps &
  AppSessionDeps & {
    endpoint?: string;
    /** The client address, resolved by the transport (see client-ip.ts); null when unknown. */
    ip?: string | null;
  };

/**
 * Serves one app's router over the fetch API (Next route handlers, tests, standalone servers).
 * Pass the app's own router (root.ts `appRouters[app]`): procedures of other apps answer 404.
 */
export async function handleTrpcRequest(rawReq: Request, router: AnyTRPCRouter, deps: TrpcFetchDeps): Promise<Response> {
  // Bodies over the cap end in 413 PAYLOAD_TOO_LARGE before routing (an unknown path included);
  // batches over the limit in 400.
  let req: Request;
  try {
    req = await withBufferedBody(rawReq, BODY_LIMITS.trpc);
  } catch (error) {
    // Ours (readFetchBody), or the node adapter's own cap (standalone server) tripping first.
    const tooLarge = (error instanceof AppError && error.code === "PAYLOAD_TOO_LARGE") || (error instanceof TRPCError && error.code === "PAYLOAD_TOO_LARGE");
    if (tooLarge) return trpcErrorResponse(router, payloadTooLarge(BODY_LIMITS.trpc));
    throw error;
  }
  return fetchRequestHandler({
    endpoint: deps.endpoint ?? "/api/trpc",
    req,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    router,
    createContext: async () =>
      contextFromDeps(deps, {
        session: await sessionFromRequest({ db: deps.db, secret: deps.authSecret, cookieName: deps.sessionCookieName, app: deps.app }, req.headers),
        request: {
          method: req.method,
          // An HTTP request is always rate limited: an unknown address shares one bucket.
          ip: deps.ip ?? UNKNOWN_CLIENT_IP,
          origin: req.headers.get("origin"),
          secFetchSite: req.headers.get("sec-fetch-site"),
          trpcSource: req.headers.get("x-trpc-source"),
          cartToken: req.headers.get("x-cart-token"),
          admissionToken: req.headers.get("x-admission-token"),
          idempotencyKey: req.headers.get("idempotency-key"),
          supportToken: req.headers.get("x-support-token"),
          orderToken: req.headers.get("x-order-token"),
        },
      }),
    // 429 (and 409 for an Idempotency-Key still in progress) tell the client when to come back.
    responseMeta({ errors }) {
      const retryAfter = errors.map(retryAfterOf).find((seconds) => seconds !== undefined);
      return retryAfter === undefined ? {} : { headers: new Headers({ "retry-after": String(retryAfter) }) };
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") getLogger().error({ err: error.cause ?? error, path: path ?? "?" }, "tRPC procedure failed");
    },
  });
}

/** An error answered before tRPC runs, in tRPC's own shape (our errorFormatter: appCode, details). */
function trpcErrorResponse(router: AnyTRPCRouter, cause: AppError): Response {
  const error = cause.toTRPCError();
  const config = router._def._config;
  const shape = getErrorShape({ config, error, type: "unknown", path: undefined, input: undefined, ctx: undefined });
  const body = transformTRPCResponse(config, { error: shape });
  return new Response(JSON.stringify(body), { status: shape.data.httpStatus, headers: { "content-type": "application/json" } });
}
