import { createServer, type Server } from "node:http";
import { ConfigError, type EnvSource } from "@marquee/config/env";
import type { Registry } from "prom-client";
import { readMetricsEnv } from "../env.ts";
import { apiMetrics } from "./metrics.ts";
import { registerWaitingRoomMetrics, type TWaitingRoomSource } from "./waiting-room-metrics.ts";

export interface TMetricsServerOptions {
  host: string;
  port: number;
  registry: Registry;
  /** The variable that chose the port, for the error when it cannot be used. */
  portVariable?: string;
  /** A port this server must never share (the process's public one). */
  publicPort?: number;
}

/** GET /metrics (Prometheus text) and nothing else, on a port of its own. */
export async function startMetricsServer(options: TMetricsServerOptions): Promise<Server> {
  const variable = options.portVariable ?? "METRICS_PORT";
  if (options.publicPort !== undefined && options.port === options.publicPort) {
    throw new ConfigError(`Invalid configuration: ${variable} must differ from the public port (${options.port}): metrics are not served publicly`);
  }
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?", 1)[0];
    if (path !== "/metrics" || (request.method !== "GET" && request.method !== "HEAD")) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found; GET /metrics\n");
      return;
    }
    options.registry.metrics().then(
      (text) => response.writeHead(200, { "content-type": options.registry.contentType, "cache-control": "no-store" }).end(text),
      (error: unknown) => {
        console.error("Collecting metrics failed:", error);
        response.writeHead(500, { "content-type": "text/plain" }).end("collecting metrics failed\n");
      },
    );
  });
  // Idle keep-alive connections of a scraper must not hold a shutdown open.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new ConfigError(`Invalid configuration: ${variable} cannot be used on ${options.host}:${options.port} (${error.code ?? error.message})`)),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  server.unref();
  return server;
}

const started = globalThis as { marqueeMetricsServer?: Promise<Server | null> };

/**
 * The API process's metrics server, when METRICS_PORT is set: its request metrics, Stripe calls,
 * default process metrics and (with `waitingRooms`, the server's own clients, read at scrape time)
 * the waiting-room gauges. Started once per process (Next may call its instrumentation twice);
 * resolves to null when METRICS_PORT is unset.
 */
export function startApiMetricsServer(
  options: { waitingRooms?: () => TWaitingRoomSource; publicPort?: number; source?: EnvSource } = {},
): Promise<Server | null> {
  started.marqueeMetricsServer ??= (async () => {
    const env = readMetricsEnv(options.source);
    if (env.METRICS_PORT === undefined) return null;
    const { registry } = apiMetrics();
    if (options.waitingRooms) {
      registerWaitingRoomMetrics(registry, options.waitingRooms, {
        onError: (error) => console.warn(`metrics: reading the waiting rooms failed (${error instanceof Error ? error.message : String(error)})`),
      });
    }
    const server = await startMetricsServer({ host: env.METRICS_HOST, port: env.METRICS_PORT, registry, publicPort: options.publicPort });
    console.info(`Metrics on http://${env.METRICS_HOST}:${env.METRICS_PORT}/metrics`);
    return server;
  })();
  return started.marqueeMetricsServer;
}
