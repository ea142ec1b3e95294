import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { TCheckedUrl } from "./url-guard.ts";

export const WEBHOOK_TIMEOUT_MS = 10_000;
export const RESPONSE_EXCERPT_CHARS = 1_000;

export interface TPostResult {
  statusCode: number | null;
  latencyMs: number;
  /** The first 1,000 characters of the response body. */
  excerpt: string;
  /** Why no status came back (timeout, refused connection, TLS); null when one did. */
  error: string | null;
}

/**
 * POSTs the body to the checked URL, connecting to the checked address only (the lookup is
 * pinned; TLS still verifies the certificate against the host name). Redirects are not followed:
 * a 3xx is an answer like any other non-2xx. Never throws.
 */
export function postWebhook(target: TCheckedUrl, body: string, headers: Record<string, string>, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<TPostResult> {
  const started = performance.now();
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<TPostResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      resolve({ ...result, latencyMs: Math.round(performance.now() - started) });
    };
    const request = client.request(
      target.url,
      {
        method: "POST",
        lookup: pinned,
        headers: { "Content-Type": "application/json", "User-Agent": "Marquee-Webhooks/1", "Content-Length": Buffer.byteLength(body).toString(), ...headers },
        timeout: timeoutMs,
      },
      (response) => {
        let excerpt = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (excerpt.length < RESPONSE_EXCERPT_CHARS) excerpt += chunk.slice(0, RESPONSE_EXCERPT_CHARS - excerpt.length);
          // Enough read: the rest of a large answer is not waited for.
          if (excerpt.length >= RESPONSE_EXCERPT_CHARS) response.destroy();
        });
        const done = () => finish({ statusCode: response.statusCode ?? null, excerpt, error: null });
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    // The whole exchange, not just idle time, is held to the timeout.
    const timer = setTimeout(() => request.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    request.on("timeout", () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    request.on("error", (error) => finish({ statusCode: null, excerpt: "", error: error.message.slice(0, 500) }));
    request.on("close", () => clearTimeout(timer));
    request.end(body);
  });
}
