import type { IncomingMessage } from "node:http";
import { AppError } from "../errors.ts";
import { MAX_EVENT_IMAGE_BYTES } from "../services/event-image/event-image-files.ts";

/**
 * Request body caps per kind of endpoint, in bytes. Bodies are refused with 413
 * PAYLOAD_TOO_LARGE before more than the cap is buffered: a Content-Length above it is refused
 * unread, and reading stops at the first byte past it.
 */
export const BODY_LIMITS = {
  /** The public REST API (/api/v1), unless the operation sets its own `maxBodyBytes` (rest/meta.ts). */
  rest: 64 * 1024,
  /** The largest `maxBodyBytes` an operation may set (a scanner's batch of 500 scans is ~190 KB). */
  restOperationMax: 1024 * 1024,
  /** tRPC (/api/trpc), a batch included: the largest legitimate input (a support message) is 5,000 characters. */
  trpc: 64 * 1024,
  /** Stripe's webhook events. */
  webhook: 512 * 1024,
  /** next-auth's forms (e-mail, password, CSRF token). */
  auth: 16 * 1024,
  /** The console's event image upload (multipart): the image's own cap plus room for the form's parts. */
  eventImage: MAX_EVENT_IMAGE_BYTES + 64 * 1024,
} as const;

/** tRPC calls per batch (fetchRequestHandler `maxBatchSize`); the apps' batch link sends at most this many. */
export const TRPC_MAX_BATCH_SIZE = 20;

export const payloadTooLarge = (limit: number) => new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${limit} bytes.`, { limitBytes: limit });

/** Refuses a declared Content-Length above the cap (an absent or unparsable one is checked while reading). */
export function checkContentLength(value: string | null | undefined, limit: number): void {
  if (value && /^\s*\d+\s*$/.test(value) && Number(value) > limit) throw payloadTooLarge(limit);
}

/** A fetch Request's body, read with a cap: Content-Length first, then the stream, stopped past the cap. */
export async function readFetchBody(req: Request, limit: number): Promise<Uint8Array> {
  checkContentLength(req.headers.get("content-length"), limit);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: a tee'd clone's cancel settles only once its twin is cancelled too.
      reader.cancel().catch(() => {});
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export const readFetchText = async (req: Request, limit: number): Promise<string> => Buffer.from(await readFetchBody(req, limit)).toString("utf8");

/**
 * Checks a fetch Request's body against the cap without consuming it, for handlers that read the
 * body themselves (tRPC, next-auth): a clone is read with the cap, the original keeps its bytes
 * (at most the cap, buffered by the stream's tee) and is handed on unchanged.
 */
export async function assertFetchBodyWithin(req: Request, limit: number): Promise<void> {
  checkContentLength(req.headers.get("content-length"), limit);
  if (!req.body) return;
  try {
    await readFetchBody(req.clone(), limit);
  } catch (error) {
    req.body.cancel().catch(() => {});
    throw error;
  }
}

/**
 * The same request with its body read in full, at most `limit` bytes (PAYLOAD_TOO_LARGE past it),
 * for handlers that route before they read (tRPC answers an unknown path without reading): every
 * oversized body is refused with 413, whatever the path, and never buffered past the cap.
 */
export async function withBufferedBody(req: Request, limit: number): Promise<Request> {
  if (!req.body) return req;
  const body = await readFetchBody(req, limit);
  return new Request(req.url, { method: req.method, headers: req.headers, body: new Uint8Array(body), signal: req.signal });
}

// After a 413 the rest of the body is read and thrown away, up to this much, so the client sees
// the answer instead of a reset connection; past it the connection is cut.
const DISCARD_AFTER_REFUSAL_BYTES = 4 * 1024 * 1024;

/** Reads and discards what is left of a refused node request's body (bounded), keeping the 413 readable. */
export function discardRefusedBody(req: IncomingMessage): void {
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_AFTER_REFUSAL_BYTES) req.socket.destroy();
  });
  req.resume();
}

/** A node request's body, read with a cap: Content-Length first, then the stream, paused past the cap. */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    try {
      checkContentLength(req.headers["content-length"], limit);
    } catch (error) {
      return reject(error);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        settled = true;
        req.off("data", onData);
        req.pause();
        return reject(payloadTooLarge(limit));
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => {
      if (!settled) resolve(Buffer.concat(chunks));
    });
    req.on("error", (error) => {
      if (!settled) reject(error);
    });
  });
}

export const readNodeText = async (req: IncomingMessage, limit: number): Promise<string> => (await readNodeBody(req, limit)).toString("utf8");
