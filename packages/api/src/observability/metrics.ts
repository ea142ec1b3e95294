import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import { APP_ERROR_STATUS, appCodeOf } from "../errors.ts";
import type { TRPCError } from "@trpc/server";
import { registerStripeMetrics } from "./stripe-metrics.ts";

/** Seconds; the hold path answers in milliseconds, exports and PDFs take seconds. */
export const REQUEST_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** How a procedure was called: tRPC over HTTP, REST (/api/v1), or in-process (server components, callers). */
export type TTransport = "trpc" | "rest" | "server";

/** Requests whose path matched no REST operation share one label value (no unbounded paths). */
export const UNMATCHED_OPERATION = "unmatched";

function createApiMetrics() {
  const registry = new Registry();
  // Event loop lag, heap, GC, CPU and open handles of the process (nodejs_*, process_*).
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "marquee_api_requests_total",
    help: "API requests by procedure (REST: the operation's procedure), transport, outcome (ok or the AppError code) and HTTP status.",
    labelNames: ["procedure", "transport", "outcome", "status"] as const,
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: "marquee_api_request_duration_seconds",
    help: "API request duration by procedure and transport (REST: from routing to the answer, body reading included).",
    labelNames: ["procedure", "transport"] as const,
    buckets: REQUEST_DURATION_BUCKETS,
    registers: [registry],
  });
  registerStripeMetrics(registry);
  return { registry, requests, requestDuration };
}

export type TApiMetrics = ReturnType<typeof createApiMetrics>;

// On globalThis, not in this module: Next bundles route handlers and instrumentation separately,
// and every copy of this module must count into the one registry the metrics server serves.
const holder = globalThis as { marqueeApiMetrics?: TApiMetrics };

/** The process's API metrics (one registry per process, created on first use). */
export function apiMetrics(): TApiMetrics {
  return (holder.marqueeApiMetrics ??= createApiMetrics());
}

/** The transport of a procedure call, from the context's `trpcSource` (REST sets "rest", in-process callers "server" or "rsc"). */
export function transportOf(trpcSource: string | null): TTransport {
  if (trpcSource === "rest") return "rest";
  if (trpcSource === "server" || trpcSource === "rsc") return "server";
  return "trpc";
}

/** Counts and times one finished request; `startedAt` is a `performance.now()` reading. */
export function observeRequest(procedure: string, transport: TTransport, outcome: string, status: number, startedAt: number): void {
  const metrics = apiMetrics();
  metrics.requests.inc({ procedure, transport, outcome, status: String(status) });
  metrics.requestDuration.observe({ procedure, transport }, (performance.now() - startedAt) / 1000);
}

/** A tRPC procedure call's outcome: ok (status 200), else its AppError code and that code's status. */
export function observeProcedure(procedure: string, transport: TTransport, error: TRPCError | null, startedAt: number): void {
  const code = error ? appCodeOf(error) : null;
  observeRequest(procedure, transport, code ?? "ok", code ? APP_ERROR_STATUS[code] : 200, startedAt);
}

/** The error code of a REST refusal's JSON body (`{ error: { code } }`), else ERROR. */
function restErrorCode(body: string): string {
  try {
    const code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
    return typeof code === "string" && /^[A-Z_]{1,40}$/.test(code) ? code : "ERROR";
  } catch {
    return "ERROR";
  }
}

/** A finished REST request: `procedure` is its operation's procedure path, null when no operation matched. */
export function observeRestRequest(procedure: string | null, response: { status: number; body: string }, startedAt: number): void {
  const outcome = response.status < 400 ? "ok" : restErrorCode(response.body);
  observeRequest(procedure ?? UNMATCHED_OPERATION, "rest", outcome, response.status, startedAt);
}
