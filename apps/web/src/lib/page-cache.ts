// The customer site's shared page copy, in front of Next's request handler (server.ts): under a rush
// the event listing, event pages and identical searches are answered from memory without entering
// Next, which serves even its own cached (ISR) pages at about a tenth of a static file's rate.
//
// What is kept, and for whom (nothing signed-in ever enters or leaves it):
// - Only anonymous page loads: GET or HEAD, no cookie but the language one, no Authorization, no
//   client-navigation (RSC) or server-action headers, no query string but the search page's fields.
// - Listing and event pages only when Next itself marked the answer shareable (`s-maxage`, i.e. it
//   rendered the page without reading anything of the request) and not STALE. Search only from an
//   anonymous request, for a few seconds (its numbers are the database's, read per render).
// - The key is what varies the HTML: the page, the language (URL prefix, else the cookie, else
//   Accept-Language, as src/proxy.ts picks it), the search fields and Accept-Encoding (the body is
//   stored as sent). Never a Set-Cookie answer, never anything but 200.
// Concurrent misses of one key share one render. Copies live `ttlMs` (bounded by Next's s-maxage) and
// are dropped at once by `clear()` when the console changes an event (server.ts listens for it).
// Answers carry an ETag, so a browser's revalidation gets a 304.
import { createHash } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { isLocale, LOCALE_COOKIE, resolveLocale } from "../i18n/locales.ts";

type TNodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface TPageCacheOptions {
  /** How long a listing or event page copy is served (never longer than Next's s-maxage). */
  ttlMs?: number;
  /** How long a search's copy is served. */
  searchTtlMs?: number;
  /** Memory bound over all bodies; the oldest copies go first. */
  maxBytes?: number;
  now?: () => number;
}

interface TEntry {
  headers: OutgoingHttpHeaders;
  body: Buffer;
  etag: string;
  expiresAt: number;
}

type TPageKind = "listing" | "event" | "search";

/** Request headers that make Next answer something other than the page's HTML, or that belong to one person. */
const BYPASS_HEADERS = [
  "authorization",
  "x-prerender-revalidate",
  "rsc",
  "next-action",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "range",
];
const SEARCH_FIELDS = new Set(["q", "city", "from", "to", "seating"]);
/** Not replayed from a copy: the connection's own, or recomputed per answer. */
const DROPPED_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "etag", "x-page-cache"]);
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;

/** The copy's key for this request, or null when it must go to Next (see the header). */
export function pageCacheKey(req: Pick<IncomingMessage, "method" | "url" | "headers">): { key: string; kind: TPageKind } | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  if (BYPASS_HEADERS.some((name) => req.headers[name] !== undefined)) return null;
  const cookies = parseCookies(req.headers.cookie);
  if (!cookies || [...cookies.keys()].some((name) => name !== LOCALE_COOKIE)) return null;
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? "" : url.slice(queryAt + 1);
  const segments = path.split("/").filter(Boolean);
  const prefixed = isLocale(segments[0]);
  const locale = prefixed ? segments.shift()! : resolveLocale(cookies.get(LOCALE_COOKIE), headerText(req.headers["accept-language"]));
  let kind: TPageKind;
  let search = "";
  if (segments.length === 0) kind = "listing";
  else if (segments.length === 2 && segments[0] === "events" && SLUG.test(segments[1]!)) kind = "event";
  else if (segments.length === 1 && segments[0] === "search") kind = "search";
  else return null;
  if (kind === "search") {
    const fields = new URLSearchParams(query);
    if ([...fields.keys()].some((name) => !SEARCH_FIELDS.has(name))) return null;
    fields.sort();
    search = fields.toString();
    if (search.length > 600) return null;
  } else if (query) return null;
  const encoding = headerText(req.headers["accept-encoding"]).toLowerCase().replaceAll(" ", "");
  // The path as asked (with or without its language prefix): Next's HTML names the URL it answered.
  return { key: `${kind}\n${locale}\n${path}\n${search}\n${encoding}`, kind };
}

/** Wraps Next's handler with the shared copy. `clear()` drops every copy (an event changed). */
export function createPageCache(handle: TNodeHandler, options: TPageCacheOptions = {}) {
  const ttlMs = options.ttlMs ?? 5_000;
  const searchTtlMs = options.searchTtlMs ?? 2_000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const entries = new Map<string, TEntry>();
  const inFlight = new Map<string, Promise<TEntry | null>>();
  let bytes = 0;
  let generation = 0;
  const stats = { hits: 0, misses: 0, bypassed: 0, stored: 0 };

  function remove(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.body.length;
  }

  function store(key: string, entry: TEntry) {
    remove(key);
    entries.set(key, entry);
    bytes += entry.body.length;
    stats.stored++;
    // Map keeps insertion order: the first key is the oldest copy.
    while (bytes > maxBytes && entries.size > 0) remove(entries.keys().next().value!);
  }

  /**
   * Lets Next answer this request while keeping a copy of what it sends: `done` settles with Next's handler,
   * `kept` with the copy when the answer is shareable (else null).
   */
  function renderAndKeep(kind: TPageKind, req: IncomingMessage, res: ServerResponse): { done: Promise<void>; kept: Promise<TEntry | null> } {
    const startedIn = generation;
    const chunks: Buffer[] = [];
    let size = 0;
    let keep = true;
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (!keep || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buffer =
        typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > MAX_BODY_BYTES) keep = false;
      else chunks.push(buffer);
    };
    const writeHead = res.writeHead.bind(res);
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    // Headers given to writeHead bypass getHeaders(): put them through setHeader so the copy sees them.
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      const headers = rest.find((value) => typeof value === "object" && value !== null);
      if (Array.isArray(headers)) keep = false;
      else if (headers) for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value as string | string[] | number);
      const reason = typeof rest[0] === "string" ? rest[0] : undefined;
      return reason === undefined ? writeHead(status) : writeHead(status, reason);
    }) as typeof res.writeHead;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    let settle: (entry: TEntry | null) => void = () => {};
    const kept = new Promise<TEntry | null>((resolve) => (settle = resolve));
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      const result = (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
      settle(keep && generation === startedIn ? shareable(kind, res, Buffer.concat(chunks)) : null);
      return result;
    }) as typeof res.end;
    res.once("close", () => settle(null));
    const done = Promise.resolve()
      .then(() => handle(req, res))
      .catch((error: unknown) => {
        settle(null);
        throw error;
      });
    return { done, kept };
  }

  function shareable(kind: TPageKind, res: ServerResponse, body: Buffer): TEntry | null {
    if (res.statusCode !== 200 || res.hasHeader("set-cookie")) return null;
    const cacheControl = String(res.getHeader("cache-control") ?? "").toLowerCase();
    let lifetime = searchTtlMs;
    if (kind !== "search") {
      const sMaxAge = /s-maxage=(\d+)/.exec(cacheControl);
      if (!sMaxAge || /private|no-store/.test(cacheControl) || String(res.getHeader("x-nextjs-cache")).toUpperCase() === "STALE") return null;
      lifetime = Math.min(ttlMs, Number(sMaxAge[1]) * 1000);
    }
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(res.getHeaders())) if (!DROPPED_HEADERS.has(name) && value !== undefined) headers[name] = value;
    const etag = `"p-${createHash("sha1").update(body).digest("base64url")}"`;
    return { headers, body, etag, expiresAt: now() + lifetime };
  }

  function serve(entry: TEntry, req: IncomingMessage, res: ServerResponse) {
    const headers = { ...entry.headers, etag: entry.etag, "x-page-cache": "HIT" };
    if (
      headerText(req.headers["if-none-match"])
        .split(/\s*,\s*/)
        .includes(entry.etag)
    )
      return void res.writeHead(304, headers).end();
    res.writeHead(200, { ...headers, "content-length": entry.body.length });
    res.end(req.method === "HEAD" ? undefined : entry.body);
  }

  async function cached(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = pageCacheKey(req);
    if (!match) {
      stats.bypassed++;
      return handle(req, res);
    }
    const { key, kind } = match;
    const entry = entries.get(key);
    if (entry && entry.expiresAt > now()) {
      stats.hits++;
      return serve(entry, req, res);
    }
    if (entry) remove(key);
    const pending = inFlight.get(key);
    if (pending) {
      const shared = await pending;
      if (shared) {
        stats.hits++;
        return serve(shared, req, res);
      }
    }
    stats.misses++;
    // A HEAD has no body to keep: Next answers it alone.
    if (req.method === "HEAD" || pending) return handle(req, res);
    const { done, kept } = renderAndKeep(kind, req, res);
    inFlight.set(key, kept);
    void kept.then((entry) => {
      inFlight.delete(key);
      if (entry) store(key, entry);
    });
    await done;
  }

  return {
    handle: cached,
    /** Drops every copy, and keeps renders already under way from storing what they saw. */
    clear() {
      generation++;
      entries.clear();
      bytes = 0;
    },
    stats: () => ({ ...stats, entries: entries.size, bytes }),
  };
}

const headerText = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(",") : (value ?? ""));

/** Cookie names and values, or null when the header cannot be read (then nothing is cached). */
function parseCookies(header: string | undefined): Map<string, string> | null {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const at = trimmed.indexOf("=");
    if (at <= 0) return null;
    cookies.set(trimmed.slice(0, at).trim(), trimmed.slice(at + 1).trim());
  }
  return cookies;
}
