// One API request: authentication, form decoding, routing, idempotency, and Stripe's error and
// header conventions.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Log } from "../../log.ts";
import { decodeForm, FormDecodeError, type FormParams } from "./form.ts";
import { requestFingerprint, type IdempotencyStore, type SavedResponse } from "./idempotency.ts";
import { invalidParam, StripeApiError, stripeId, type StripeErrorBody } from "./objects.ts";
import { expandObject, matchRoute, type Route } from "./routes.ts";
import type { RequestContext, StripeStore } from "./store.ts";

const MAX_BODY_BYTES = 1_000_000;

export interface ApiHandlerDeps {
  store: StripeStore;
  idempotency: IdempotencyStore;
  apiVersion: string;
  now: () => number;
  log: Log;
  latencyMs: number;
  /** This server's base URL (known once it listens). */
  baseUrl: () => string;
  /** Whether to close the connection instead of answering (test hook), asked after the call ran. */
  shouldDrop: (method: string, path: string) => boolean;
}

type ApiKey = { kind: "secret" | "publishable"; key: string };

function readApiKey(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme = "", value = ""] = header.split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) return value;
  if (/^basic$/i.test(scheme)) return Buffer.from(value, "base64").toString("utf8").split(":")[0] ?? "";
  return null;
}

function authenticateKey(header: string | undefined): ApiKey {
  const key = readApiKey(header);
  if (!key) {
    throw new StripeApiError(
      401,
      {
        type: "invalid_request_error",
        message:
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      },
      true,
    );
  }
  if (/^sk_test_\w+$/.test(key)) return { kind: "secret", key };
  if (/^pk_test_\w+$/.test(key)) return { kind: "publishable", key };
  const shown = key.length > 12 ? `${key.slice(0, 8)}${"*".repeat(Math.min(key.length - 12, 20))}${key.slice(-4)}` : key;
  throw new StripeApiError(401, { type: "invalid_request_error", message: `Invalid API Key provided: ${shown}` }, true);
}

/** Stripe.js calls with a publishable key prove access with the intent's client_secret. */
function checkPublishable(store: StripeStore, route: Route, id: string, params: FormParams): FormParams {
  if (!route.publishable) {
    throw new StripeApiError(
      401,
      {
        type: "invalid_request_error",
        message:
          "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.",
      },
      true,
    );
  }
  const { client_secret: clientSecret, ...rest } = params;
  if (store.paymentIntents.get(id)?.client_secret !== clientSecret) {
    throw invalidParam(`No such payment_intent: '${id}'`, { code: "resource_missing", param: "intent" }, 404);
  }
  return rest;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new StripeApiError(413, { type: "invalid_request_error", message: "Request body too large." }, true));
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

const errorResponse = (error: StripeApiError, requestId: string): SavedResponse => ({
  status: error.status,
  body: JSON.stringify(
    {
      error: { ...error.body, request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}` } satisfies StripeErrorBody & { request_log_url: string },
    },
    null,
    2,
  ),
  requestId,
});

export function createApiHandler(deps: ApiHandlerDeps): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const { store, idempotency, apiVersion, now, log, latencyMs, baseUrl, shouldDrop } = deps;
  async function execute(route: Route, id: string, params: FormParams, context: RequestContext): Promise<{ response: SavedResponse; save: boolean }> {
    try {
      if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      const result = route.handle({ store, context, params, id, baseUrl: baseUrl() });
      return { response: { status: 200, body: JSON.stringify(expandObject(store, result, params), null, 2), requestId: context.requestId! }, save: true };
    } catch (error) {
      if (error instanceof StripeApiError) return { response: errorResponse(error, context.requestId!), save: error.savedForIdempotency };
      log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return {
        response: errorResponse(
          new StripeApiError(500, { type: "api_error", message: "An unknown error occurred in the local Stripe test server." }),
          context.requestId!,
        ),
        save: false,
      };
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = `req_${stripeId("x", 12).slice(3)}`;
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", "http://localhost");
    response.setHeader("Request-Id", requestId);
    response.setHeader("Stripe-Version", apiVersion);
    response.setHeader("Access-Control-Allow-Origin", "*");
    if (method === "OPTIONS") {
      response
        .writeHead(204, {
          "Access-Control-Allow-Methods": "GET, POST, DELETE",
          "Access-Control-Allow-Headers": "Authorization, Content-Type, Idempotency-Key, Stripe-Version",
          "Access-Control-Max-Age": "600",
        })
        .end();
      return;
    }
    const send = (saved: SavedResponse, headers: Record<string, string> = {}) => {
      if (shouldDrop(method, url.pathname)) {
        request.socket.destroy();
        return;
      }
      response.writeHead(saved.status, { "Content-Type": "application/json", ...headers }).end(saved.body);
    };
    try {
      const body = await readBody(request);
      const apiKey = authenticateKey(request.headers.authorization);
      const matched = matchRoute(method, url.pathname);
      if (matched === null || matched === "method_not_allowed") {
        throw new StripeApiError(
          404,
          {
            type: "invalid_request_error",
            message: `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
          },
          true,
        );
      }
      let params: FormParams;
      try {
        params = decodeForm(method === "GET" ? url.searchParams.toString() : body);
      } catch (error) {
        if (error instanceof FormDecodeError) throw invalidParam(error.message);
        throw error;
      }
      if (apiKey.kind === "publishable") params = checkPublishable(store, matched.route, matched.id, params);
      const idempotencyKey = method === "POST" ? (request.headers["idempotency-key"] as string | undefined) : undefined;
      const context: RequestContext = { requestId, idempotencyKey: idempotencyKey ?? null, apiVersion, now: now() };
      if (idempotencyKey === undefined) {
        send((await execute(matched.route, matched.id, params, context)).response);
        return;
      }
      response.setHeader("Idempotency-Key", idempotencyKey);
      const fingerprint = requestFingerprint(method, url.pathname, params);
      const outcome = await idempotency.run(idempotencyKey, fingerprint, () => execute(matched.route, matched.id, params, context));
      send(outcome.response, outcome.replayed ? { "Idempotent-Replayed": "true", "Original-Request": outcome.response.requestId } : {});
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      send(errorResponse(error, requestId));
    } finally {
      log(`${method} ${url.pathname} -> ${response.statusCode}${response.headersSent ? "" : " (connection dropped)"}`);
    }
  }

  return handle;
}
