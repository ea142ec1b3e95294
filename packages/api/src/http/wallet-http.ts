import type { Db } from "@marquee/db";
import type { RedisClient } from "../lib/redis-client.ts";
import { type Clock, systemClock } from "../clock.ts";
import { AppError } from "../errors.ts";
import { getLogger } from "../observability/logger.ts";
import { configuredRateLimits } from "../rate-limit/limits.ts";
import { consumeRateLimit } from "../rate-limit/rate-limited.ts";
import { restError } from "../rest/errors.ts";
import { buildApplePass } from "../services/wallet/apple-pass.ts";
import { authorizePass, notModifiedSince, registerDevice, unregisterDevice, updatablePasses, webServiceRoute } from "../services/wallet/apple-web-service.ts";
import type { TWalletSettings } from "../services/wallet/env.ts";
import { loadWalletTicket } from "../services/wallet/wallet-ticket.ts";
import { APPLE_WEB_SERVICE_PATH, readWalletPassLink, WALLET_PASS_PATH } from "../services/wallet/wallet-tokens.ts";

export interface TWalletHttpDeps {
  db: Db;
  redis: RedisClient;
  redisPrefix: string;
  settings: TWalletSettings;
  clock?: Clock;
  /** Where Wallet's log lines go (the logger's warn unless a test listens). */
  log?: (line: string) => void;
}

export interface TWalletHttpRequest {
  method: string;
  /** The URL's path and query, e.g. `/api/wallet/apple/v1/devices/abc/registrations/pass.x?passesUpdatedSince=1`. */
  url: string;
  /** The client's address (UNKNOWN_CLIENT_IP when unknown). */
  ip: string | null;
  authorization: string | null;
  ifModifiedSince: string | null;
  /** The request body (POST): read lazily, with the caller's size cap. */
  readBody: () => Promise<string>;
}

export interface TWalletHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer | null;
}

/** Apple wants MAX 16 KB JSON bodies for registrations and logs. */
export const WALLET_BODY_LIMIT = 16 * 1024;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): TWalletHttpResponse => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  body: JSON.stringify(body),
});
const empty = (status: number, headers: Record<string, string> = {}): TWalletHttpResponse => ({
  status,
  headers: { "cache-control": "no-store", ...headers },
  body: null,
});

function pkpass(method: string, pass: { body: Buffer; serialNumber: string; lastUpdated: Date }, attachment: boolean): TWalletHttpResponse {
  return {
    status: 200,
    headers: {
      "content-type": "application/vnd.apple.pkpass",
      "content-length": String(pass.body.length),
      ...(attachment ? { "content-disposition": `attachment; filename="ticket-${pass.serialNumber}.pkpass"` } : {}),
      "last-modified": pass.lastUpdated.toUTCString(),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    },
    body: method === "HEAD" ? null : pass.body,
  };
}

const parseJson = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    throw new AppError("VALIDATION_ERROR", "The body must be JSON.");
  }
};

async function downloadPass(deps: TWalletHttpDeps, request: TWalletHttpRequest, token: string): Promise<TWalletHttpResponse> {
  if (request.method !== "GET" && request.method !== "HEAD")
    return json(405, { error: { code: "METHOD_NOT_ALLOWED", message: "Passes are fetched with GET." } }, { allow: "GET, HEAD" });
  const clock = deps.clock ?? systemClock;
  const link = readWalletPassLink(token, clock.now());
  if (!link.ok)
    throw link.reason === "EXPIRED"
      ? new AppError("LINK_EXPIRED", "This pass link has expired; open the order again for a new one.")
      : new AppError("NOT_FOUND", "No such pass.");
  return pkpass(request.method, await buildApplePass({ db: deps.db, clock, settings: deps.settings }, link.ticketId), true);
}

async function webService(deps: TWalletHttpDeps, request: TWalletHttpRequest, path: string, query: URLSearchParams): Promise<TWalletHttpResponse> {
  const route = webServiceRoute(request.method, path);
  if (!route) return json(404, { error: { code: "NOT_FOUND", message: "No such web service endpoint." } });
  const { db, settings } = deps;
  switch (route.kind) {
    case "register": {
      await authorizePass(db, settings, { ...route, authorization: request.authorization });
      const body = parseJson(await request.readBody());
      return empty((await registerDevice(db, { ...route, pushToken: body.pushToken })) === "created" ? 201 : 200);
    }
    case "unregister":
      await authorizePass(db, settings, { ...route, authorization: request.authorization });
      await unregisterDevice(db, route);
      return empty(200);
    case "updatable": {
      const updated = await updatablePasses(db, settings, { ...route, passesUpdatedSince: query.get("passesUpdatedSince") });
      return updated ? json(200, updated) : empty(204);
    }
    case "latest": {
      await authorizePass(db, settings, { ...route, authorization: request.authorization });
      const { lastUpdated } = await loadWalletTicket(db, route.serialNumber);
      if (notModifiedSince(request.ifModifiedSince, lastUpdated)) return empty(304, { "last-modified": lastUpdated.toUTCString() });
      return pkpass(request.method, await buildApplePass({ db, clock: deps.clock ?? systemClock, settings }, route.serialNumber), false);
    }
    case "log": {
      const body = parseJson(await request.readBody());
      const logs = Array.isArray(body.logs) ? body.logs.slice(0, 50) : [];
      for (const line of logs) {
        const message = `Apple Wallet: ${String(line).slice(0, 1_000)}`;
        if (deps.log) deps.log(message);
        else getLogger().warn(message);
      }
      return empty(200);
    }
  }
}

/**
 * Everything under /api/wallet: signed pass downloads (`/passes/<token>`) and Apple's PassKit
 * web service (`/apple/v1/...`). Rate limited per client IP (its own bucket, with the document policy's RATE_LIMIT_DOCUMENT_PER_MINUTE); errors are
 * `{ error: { code, message } }` (401 without the pass's token, 404, 410 for an old link, 429).
 */
export async function handleWalletRequest(deps: TWalletHttpDeps, request: TWalletHttpRequest): Promise<TWalletHttpResponse> {
  const url = new URL(request.url, "http://wallet.invalid");
  try {
    await consumeRateLimit(
      { redis: deps.redis, redisPrefix: deps.redisPrefix, request: { ip: request.ip, cartToken: null } },
      "wallet",
      configuredRateLimits("document"),
    );
    if (url.pathname.startsWith(`${WALLET_PASS_PATH}/`)) {
      const token = url.pathname.slice(WALLET_PASS_PATH.length + 1);
      if (token && !token.includes("/")) return await downloadPass(deps, request, token);
    }
    if (url.pathname.startsWith(`${APPLE_WEB_SERVICE_PATH}/`))
      return await webService(deps, request, url.pathname.slice(APPLE_WEB_SERVICE_PATH.length), url.searchParams);
    return json(404, { error: { code: "NOT_FOUND", message: "No such wallet endpoint." } });
  } catch (error) {
    const { status, body, headers } = restError(error);
    if (body.error.code === "INTERNAL") getLogger().error({ err: error }, "wallet request failed");
    return json(status, body, headers);
  }
}
