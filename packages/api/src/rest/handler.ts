import type { Db } from "@marquee/db";
import type { AnyRouter } from "@trpc/server";
import type { RedisClient } from "../lib/redis-client.ts";
import { type Context, type CreateContextOptions, createContextInner } from "../context.ts";
import { AppError } from "../errors.ts";
import { observeRestRequest } from "../observability/metrics.ts";
import { getLogger } from "../observability/logger.ts";
import type { QueueClient } from "../jobs/queue-client.ts";
import type { RealtimePublisher } from "../realtime/publisher.ts";
import type { StripeSettings } from "../services/payments/stripe-client.ts";
import { createCallerFactory } from "../trpc.ts";
import { BODY_LIMITS, payloadTooLarge } from "../http/body-limit.ts";
import { UNKNOWN_CLIENT_IP } from "../http/client-ip.ts";
import { restError } from "./errors.ts";
import { restInput } from "./input.ts";
import { assertUniqueOperations, collectOperations, matchOperation, type RestOperation } from "./registry.ts";
import { authenticateBearer, organiserInput, recordBearerUse } from "./bearer.ts";
import type { SessionUser } from "../session.ts";
import { deviceCredentialOf } from "../services/checkin/devices/authenticate-device.ts";

/** The transport-neutral request both adapters (fetch for Next, node:http standalone) build. */
export interface RestRequest {
  method: string;
  url: URL;
  headers: { get(name: string): string | null };
  /** The client address (already resolved through trusted proxies), or null when unknown. */
  ip: string | null;
  /**
   * The body, read with the given cap (the operation's `maxBodyBytes`, else BODY_LIMITS.rest) and
   * throwing PAYLOAD_TOO_LARGE past it. The handler routes first, so it knows the operation's cap.
   */
  text(limit?: number): Promise<string>;
}

export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** A streamed non-JSON answer (meta `contentType`, e.g. a CSV export) instead of `body`. */
  stream?: ReadableStream<Uint8Array>;
}

import type { FileStore } from "../services/files/file-store.ts";

export interface RestDeps {
  db: Db;
  /** The public catalogue reads' client (a read replica); default: db. */
  dbRead?: Db;
  redis: RedisClient;
  redisPrefix: string;
  queues: QueueClient;
  realtime?: RealtimePublisher | null;
  /** Stripe (checkout) and its webhook secret; absent where no payment is taken (most tests). */
  stripe?: StripeSettings | null;
  /** Stored documents (invoice PDFs), for the signed download links; absent in most tests. */
  files?: FileStore | null;
  allowedOrigins: string[];
}

export const REST_PREFIX = "/api/v1";
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

const json = (status: number, body: unknown, headers: Record<string, string> = {}): RestResponse => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  body: JSON.stringify(body),
});

/** A streamed download (CSV exports): the procedure answered `{ filename, stream }`. */
/** JSON, or a streamed body for an operation with its own content type (CSV exports). */
function answer(op: RestOperation, output: unknown): RestResponse {
  const { contentType, successStatus } = op.operation;
  return contentType ? streamed(successStatus ?? 200, contentType, output) : json(successStatus ?? 200, output ?? null);
}

function streamed(status: number, contentType: string, output: unknown): RestResponse {
  const { filename, stream } = output as { filename?: string; stream: ReadableStream<Uint8Array> };
  return {
    status,
    headers: {
      "content-type": contentType.startsWith("text/") ? `${contentType}; charset=utf-8` : contentType,
      "cache-control": "no-store",
      ...(filename ? { "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"` } : {}),
    },
    body: "",
    stream,
  };
}

const fail = (error: unknown): RestResponse => {
  const { status, headers, body } = restError(error);
  if (body.error.code === "INTERNAL") getLogger().error({ err: error }, "REST request failed");
  return json(status, body, headers);
};

export interface RestRouters {
  /** The console's router: its operations need `Authorization: Bearer <organisation API token>` (rest/bearer.ts). */
  organiser?: AnyRouter;
  /** The door scanners' router: public operations whose procedures check `Authorization: Bearer <device credential>` (deviceProcedure). */
  device?: AnyRouter;
}

/**
 * Serves the router's procedures that carry `openapi` meta under /api/v1 (public: no session), and
 * the organiser router's, which act only for an organisation API token.
 */
export function createRestHandler(router: AnyRouter, routers: RestRouters = {}) {
  const publicCaller = createCallerFactory(router);
  const organiserCaller = routers.organiser ? createCallerFactory(routers.organiser) : publicCaller;
  const deviceCaller = routers.device ? createCallerFactory(routers.device) : publicCaller;
  const operations = assertUniqueOperations([
    ...collectOperations(router),
    ...(routers.organiser ? collectOperations(routers.organiser, "api-token") : []),
    ...(routers.device ? collectOperations(routers.device, "device") : []),
  ]);

  // Prometheus: each REST request counted and timed once, by its operation's procedure (refusals
  // before any procedure included); the tRPC middleware leaves REST calls to this.
  return async function handleRestRequest(req: RestRequest, deps: RestDeps): Promise<RestResponse> {
    const startedAt = performance.now();
    const matched: { op?: RestOperation } = {};
    const response = await dispatch(req, deps, matched);
    observeRestRequest(matched.op?.procedurePath ?? null, response, startedAt);
    return response;
  };

  async function dispatch(req: RestRequest, deps: RestDeps, matched: { op?: RestOperation }): Promise<RestResponse> {
    try {
      const path = pathOf(req);
      let found;
      try {
        found = matchOperation(operations, req.method === "HEAD" ? "GET" : req.method, path);
      } catch {
        throw new AppError("VALIDATION_ERROR", "The path is not valid.");
      }
      if (!found.operation) {
        return found.pathMatched
          ? json(405, { error: { code: "METHOD_NOT_ALLOWED", message: `${req.method} is not allowed here.` } })
          : fail(new AppError("NOT_FOUND", "No such endpoint."));
      }
      const op = (matched.op = found.operation);
      if (op.auth === "api-token") return await callAsToken(op, req, deps, organiserCaller);
      if (op.auth === "device") return await callAsDevice(op, req, deps, found.params);
      const bodyText = BODY_METHODS.has(req.method) ? await readBody(req, op) : null;
      const input = restInput(op, req.url.searchParams, found.params, bodyText);
      return answer(op, await call(op, input, req, deps, publicCaller, null));
    } catch (error) {
      return fail(error);
    }
  }

  /**
   * A scanner's operation: its procedure checks the device credential (deviceProcedure); a request
   * without one is refused before its body is read (uploads may be large). A refusal (401) names the device realm.
   */
  async function callAsDevice(op: RestOperation, req: RestRequest, deps: RestDeps, params: Record<string, string>): Promise<RestResponse> {
    try {
      if (op.operation.deviceCredential !== "none" && !deviceCredentialOf(req.headers.get("authorization"))) {
        throw new AppError("UNAUTHORIZED", "This operation needs Authorization: Bearer <device credential> (mq_dev_...). Pair the device first.", {
          reason: "missing",
        });
      }
      const bodyText = BODY_METHODS.has(req.method) ? await readBody(req, op) : null;
      return answer(op, await call(op, restInput(op, req.url.searchParams, params, bodyText), req, deps, deviceCaller, null));
    } catch (error) {
      const refused = fail(error);
      if (refused.status === 401) refused.headers["www-authenticate"] = DEVICE_CHALLENGE;
      return refused;
    }
  }

  /**
   * An organiser operation: the bearer token first (401 before the body is even read), then the
   * input with the token's organisation; every answer counts as a use of the token.
   */
  async function callAsToken(op: RestOperation, req: RestRequest, deps: RestDeps, createCaller: ReturnType<typeof createCallerFactory>) {
    let session: SessionUser;
    try {
      session = await authenticateBearer(req, deps);
    } catch (error) {
      const refused = fail(error);
      if (refused.status === 401) refused.headers["www-authenticate"] = 'Bearer realm="marquee-organiser-api"';
      return refused;
    }
    let response: RestResponse;
    try {
      const found = matchOperation([op], op.operation.method, pathOf(req));
      const bodyText = BODY_METHODS.has(req.method) ? await readBody(req, op, false) : null;
      const input = organiserInput(restInput(op, req.url.searchParams, found.params, bodyText), session);
      response = answer(op, await call(op, input, req, deps, createCaller, session));
    } catch (error) {
      response = fail(error);
    }
    await recordBearerUse(deps, session, op, req, response.status);
    return response;
  }
}

const pathOf = (req: RestRequest) => (req.url.pathname.startsWith(REST_PREFIX) ? req.url.pathname.slice(REST_PREFIX.length) : req.url.pathname);

const FORM = /^application\/x-www-form-urlencoded\b/i;
/** The challenge of a refused device operation (RFC 6750), apart from the organiser API's realm. */
export const DEVICE_CHALLENGE = 'Bearer realm="marquee-checkin-device"';

/** The operation's body cap: its own `maxBodyBytes`, else the REST default. */
export const bodyLimitOf = (op: RestOperation): number => op.operation.maxBodyBytes ?? BODY_LIMITS.rest;

/** The body as JSON text, within the operation's cap; operations with `formBody` (pusher-js channel auth) also take a form. */
async function readBody(req: RestRequest, op: RestOperation, formAllowed = op.operation.formBody === true): Promise<string> {
  const type = req.headers.get("content-type") ?? "";
  const limit = bodyLimitOf(op);
  const text = await req.text(limit);
  // Transports read with the cap (http/body-limit.ts); this guards any other caller of the handler.
  if (Buffer.byteLength(text) > limit) throw payloadTooLarge(limit);
  if (formAllowed && FORM.test(type)) return JSON.stringify(Object.fromEntries(new URLSearchParams(text)));
  if (text.trim() !== "" && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError("VALIDATION_ERROR", "Send the body as application/json.");
  }
  return text;
}

/** A request context on the HTTP adapters' clients (REST here, tRPC in http/trpc-fetch.ts). */
export function contextFromDeps(deps: RestDeps, perRequest: Pick<CreateContextOptions, "session" | "request">): Context {
  return createContextInner({
    db: deps.db,
    dbRead: deps.dbRead,
    redis: deps.redis,
    redisPrefix: deps.redisPrefix,
    queues: deps.queues,
    realtime: deps.realtime ?? null,
    stripe: deps.stripe?.client ?? null,
    files: deps.files ?? null,
    allowedOrigins: deps.allowedOrigins,
    ...perRequest,
  });
}

function call(
  op: RestOperation,
  input: unknown,
  req: RestRequest,
  deps: RestDeps,
  createCaller: ReturnType<typeof createCallerFactory>,
  tokenSession: SessionUser | null,
): Promise<unknown> {
  const ctx = contextFromDeps(deps, {
    // Never a cookie session: the public API acts for carts (X-Cart-Token), organiser operations for
    // the bearer token only, and a browser's cookie must not lend its powers to whatever page sends the request.
    session: tokenSession,
    request: {
      method: req.method,
      // An HTTP request is always rate limited: an unknown address shares one bucket.
      ip: req.ip ?? UNKNOWN_CLIENT_IP,
      origin: req.headers.get("origin"),
      secFetchSite: req.headers.get("sec-fetch-site"),
      // Writes carry a JSON body (checked above): a cross-site form cannot send one without a
      // CORS preflight we never grant, so REST plays the role of our client's x-trpc-source.
      trpcSource: "rest",
      cartToken: req.headers.get("x-cart-token"),
      admissionToken: req.headers.get("x-admission-token"),
      idempotencyKey: req.headers.get("idempotency-key"),
      // Device operations read the scanner's credential (deviceProcedure); organiser tokens never reach here as one.
      deviceToken: tokenSession ? null : deviceCredentialOf(req.headers.get("authorization")),
    },
  });
  const caller = createCaller(ctx) as unknown as Record<string, unknown>;
  const procedure = op.procedurePath.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  return procedure(input);
}
