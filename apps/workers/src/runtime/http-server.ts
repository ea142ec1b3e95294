import { createServer, type Server } from "node:http";
import { ConfigError } from "@marquee/config/env";
import { type Logger } from "./logger.ts";
import { type TMetrics } from "./metrics.ts";

export type THealthChecks = Record<string, () => Promise<void> | void>;

export interface THealthReport {
  status: "ok" | "unavailable";
  checks: Record<string, string>;
}

/** Runs every check; any that throws makes the report unavailable (HTTP 503). */
export async function runHealthChecks(checks: THealthChecks): Promise<THealthReport> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await check();
        return [name, "ok"] as const;
      } catch (error) {
        return [name, error instanceof Error ? error.message : String(error)] as const;
      }
    }),
  );
  const ok = results.every(([, result]) => result === "ok");
  return { status: ok ? "ok" : "unavailable", checks: Object.fromEntries(results) };
}

// Worker Redis connections retry forever (maxRetriesPerRequest: null), so a read while Redis is
// down would never settle: /queues answers 503 instead.
const QUEUES_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** GET /healthz (200 or 503, JSON), GET /metrics (Prometheus text) and GET /queues (JSON). */
export async function startHttpServer(options: {
  host: string;
  port: number;
  portVariable: string;
  role: string;
  metrics: TMetrics;
  checks: THealthChecks;
  /** GET /queues: the role's queue counts and dead letters (see queue-report.ts). */
  queues: () => Promise<unknown>;
  logger: Logger;
}): Promise<Server> {
  const { metrics, checks, queues, logger, role } = options;
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    const send = (statusCode: number, contentType: string, body: string) => {
      response.writeHead(statusCode, { "content-type": contentType, "cache-control": "no-store" });
      response.end(body);
    };
    if (request.method !== "GET" && request.method !== "HEAD") {
      send(405, "application/json", JSON.stringify({ error: "method not allowed" }));
    } else if (path === "/healthz") {
      void runHealthChecks(checks).then((report) => send(report.status === "ok" ? 200 : 503, "application/json", JSON.stringify({ role, ...report })));
    } else if (path === "/metrics") {
      metrics.registry.metrics().then(
        (text) => send(200, metrics.registry.contentType, text),
        (error: unknown) => {
          logger.error({ err: error }, "collecting metrics failed");
          send(500, "text/plain", "collecting metrics failed\n");
        },
      );
    } else if (path === "/queues") {
      withTimeout(queues(), QUEUES_TIMEOUT_MS, "Redis did not answer").then(
        (report) => send(200, "application/json", JSON.stringify(report)),
        (error: unknown) => {
          logger.error({ err: error }, "reading queues failed");
          send(503, "application/json", JSON.stringify({ error: "reading queues failed" }));
        },
      );
    } else {
      send(404, "application/json", JSON.stringify({ error: "not found", endpoints: ["/healthz", "/metrics", "/queues"] }));
    }
  });
  // Without this, idle keep-alive connections from scrapers would hold shutdown open.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new ConfigError(
          `Invalid configuration: ${options.portVariable} cannot be used for HTTP on ${options.host}:${options.port} (${error.code ?? error.message})`,
        ),
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}

/** Stops accepting connections and waits for open requests to finish. */
export function closeHttpServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
