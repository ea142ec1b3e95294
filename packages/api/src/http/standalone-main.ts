import { exitOnConfigError } from "@marquee/config/env";
import { configureLogger, getLogger } from "../observability/logger.ts";
import { flushTracing, startTracing } from "../observability/start-tracing.ts";

// Entry point of the standalone API server: `node --import tsx packages/api/src/http/standalone-main.ts`
// (API_HOST:API_PORT, default 127.0.0.1:3010). See packages/api/src/rest/README.md for routing and shutdown.
async function main() {
  // Tracing (when OTEL_* asks for it) before the server's modules load: see start-tracing.ts.
  await startTracing("api");
  const [{ createDrain, exitAfterDrainOnSignals }, { disconnectClients, getServerClients, serverHttpDeps }, { createApiServer }, { startApiMetricsServer }] =
    await Promise.all([import("./drain.ts"), import("./server-clients.ts"), import("./standalone-server.ts"), import("../observability/metrics-server.ts")]);
  const logger = configureLogger({ role: "api" });
  const clients = getServerClients();
  const { env, trustedProxies } = clients;
  const drain = createDrain({ graceMs: env.SHUTDOWN_GRACE_MS, delayMs: env.SHUTDOWN_DELAY_MS, logger });
  const server = drain.track(createApiServer({ ...serverHttpDeps("web"), trustedProxies, publicUrl: env.WEB_URL, draining: () => drain.draining }));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(env.API_PORT, env.API_HOST, resolve));
  logger.info(`API server listening on http://${env.API_HOST}:${env.API_PORT} (tRPC /api/trpc, REST /api/v1, /api/openapi.json)`);
  // Prometheus /metrics on its own port (METRICS_HOST:METRICS_PORT; unset: none), never on API_PORT.
  await startApiMetricsServer({ waitingRooms: getServerClients, publicPort: env.API_PORT });

  // SIGTERM/SIGINT: drain the requests (drain.ts), then close the clients and exit.
  exitAfterDrainOnSignals(drain, () => Promise.all([disconnectClients(clients), flushTracing()]), logger);
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  getLogger().fatal({ err: error }, "API server failed to start");
  process.exit(1);
});
