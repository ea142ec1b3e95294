import { createHash } from "node:crypto";
import { AppError } from "../errors.ts";
import { assertFileKey, type FileStore } from "../services/files/file-store.ts";
import { IMAGE_KEY_PREFIX, IMAGE_ROUTE } from "../services/event-image/event-image-files.ts";

export { IMAGE_ROUTE };

export interface TEventImageResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string | null;
}

// Stored sizes are named by a hash of the upload: a URL's bytes never change.
const IMMUTABLE = "public, max-age=31536000, immutable";
const IMAGE_PATH = /^[A-Za-z0-9_/-]+\/\d{2,4}\.webp$/;

const error = (status: number, code: string, message: string, headers: Record<string, string> = {}): TEventImageResponse => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  body: JSON.stringify({ error: { code, message } }),
});

/** `/api/images/<rest>` -> the file-store key `images/<rest>`, or null for any other path. */
export function eventImageKey(pathname: string): string | null {
  const prefix = `${IMAGE_ROUTE}/`;
  if (!pathname.startsWith(prefix)) return null;
  const rest = pathname.slice(prefix.length);
  if (!IMAGE_PATH.test(rest)) return null;
  const key = `${IMAGE_KEY_PREFIX}${rest}`;
  try {
    assertFileKey(key);
  } catch (failure) {
    if (failure instanceof AppError) return null;
    throw failure;
  }
  return key;
}

/**
 * GET (or HEAD) /api/images/<...>/<width>.webp: a stored event image size from the file store,
 * cacheable for a year by browsers and CDNs, with an ETag for revalidation. Only keys under
 * `images/` are reachable (invoice PDFs share the store and stay private); anything else is 404.
 */
export async function handleEventImage(
  deps: { files: FileStore },
  request: { method: string; pathname: string; ifNoneMatch: string | null },
): Promise<TEventImageResponse> {
  if (request.method !== "GET" && request.method !== "HEAD") return error(405, "METHOD_NOT_ALLOWED", "Images are fetched with GET.", { allow: "GET, HEAD" });
  const key = eventImageKey(request.pathname);
  const bytes = key ? await deps.files.get(key) : null;
  if (!bytes) return error(404, "NOT_FOUND", "No such image.");
  const etag = `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 27)}"`;
  const headers = {
    "content-type": "image/webp",
    "cache-control": IMMUTABLE,
    etag,
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
    "cross-origin-resource-policy": "same-site",
  };
  if (request.ifNoneMatch?.split(",").some((tag) => tag.trim() === etag)) return { status: 304, headers, body: null };
  return { status: 200, headers: { ...headers, "content-length": String(bytes.length) }, body: request.method === "HEAD" ? null : bytes };
}

/** The web app's route handler at /api/images/[...path]. */
export function createNextEventImageHandler(files: () => FileStore) {
  return async (req: Request): Promise<Response> => {
    const response = await handleEventImage(
      { files: files() },
      { method: req.method, pathname: new URL(req.url).pathname, ifNoneMatch: req.headers.get("if-none-match") },
    );
    const body = response.body === null ? null : typeof response.body === "string" ? response.body : new Uint8Array(response.body);
    return new Response(body, { status: response.status, headers: response.headers });
  };
}
