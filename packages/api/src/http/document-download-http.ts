import type { Db } from "@marquee/db";
import type { RedisClient } from "../lib/redis-client.ts";
import { type Clock, systemClock } from "../clock.ts";
import { configuredRateLimits } from "../rate-limit/limits.ts";
import { getLogger } from "../observability/logger.ts";
import { consumeRateLimit } from "../rate-limit/rate-limited.ts";
import { restError } from "../rest/errors.ts";
import { DOCUMENT_PATH } from "../services/documents/document-links.ts";
import { openDocument } from "../services/documents/open-document.ts";
import type { FileStore } from "../services/files/file-store.ts";

export { DOCUMENT_PATH };

export interface TDocumentDownloadResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer | null;
}

const json = (status: number, headers: Record<string, string>, body: unknown): TDocumentDownloadResponse => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  body: JSON.stringify(body),
});

/** `<DOCUMENT_PATH>/<token>` → the token, or null for any other path. */
export function documentToken(pathname: string): string | null {
  const prefix = `${DOCUMENT_PATH}/`;
  if (!pathname.startsWith(prefix)) return null;
  const token = pathname.slice(prefix.length);
  return token.length > 0 && !token.includes("/") ? token : null;
}

/**
 * GET (or HEAD) /api/documents/<signed token> for both transports (the web app's route handler and
 * the standalone API server): the PDF as an attachment, never cached by shared caches; a bad
 * link is 404, an expired one 410, both `{ error: { code, message } }`. Downloads are limited per
 * client IP (RATE_LIMIT_DOCUMENT_PER_MINUTE): 429. Transports pass UNKNOWN_CLIENT_IP for an
 * address they cannot determine (one shared bucket); only in-process callers pass null.
 */
export async function handleDocumentDownload(
  deps: { db: Db; files: FileStore; redis: RedisClient; redisPrefix: string; clock?: Clock },
  request: { method: string; ip: string | null },
  token: string,
): Promise<TDocumentDownloadResponse> {
  const { method } = request;
  if (method !== "GET" && method !== "HEAD")
    return json(405, { allow: "GET, HEAD" }, { error: { code: "METHOD_NOT_ALLOWED", message: "Documents are fetched with GET." } });
  try {
    await consumeRateLimit(
      { redis: deps.redis, redisPrefix: deps.redisPrefix, request: { ip: request.ip, cartToken: null } },
      "document",
      configuredRateLimits("document"),
    );
    const document = await openDocument({ db: deps.db, files: deps.files, clock: deps.clock ?? systemClock }, token);
    return {
      status: 200,
      headers: {
        "content-type": "application/pdf",
        "content-length": String(document.body.length),
        "content-disposition": `attachment; filename="${document.filename.replace(/[^\w.-]/g, "_")}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
      },
      body: method === "HEAD" ? null : document.body,
    };
  } catch (error) {
    const { status, body, headers } = restError(error);
    if (body.error.code === "INTERNAL") getLogger().error({ err: error }, "document download failed");
    return json(status, headers, body);
  }
}
