import { register } from "node:module";
import { readTracingEnv } from "./env.ts";
import { addLogContextFields } from "./logger.ts";
import { traceLogFields } from "./tracing.ts";

// The heavy half of tracing: the SDK, the OTLP/HTTP exporter and the instrumentations, loaded only
// when tracing is on. An entry point awaits startTracing BEFORE it imports the rest of the program
// (a dynamic import after it): the instrumentations of node:http, ioredis and pg patch those modules
// as they load, through import-in-the-middle's module hook, which only sees modules loaded after it.

let started = false;
let flush: (() => Promise<void>) | undefined;

/**
 * Starts tracing for this process as `serviceName` (OTEL_SERVICE_NAME overrides it) when the OTEL_*
 * variables ask for it (observability/env.ts); otherwise does nothing and loads nothing. Returns
 * whether tracing is on. Log lines written in a span carry its `traceId` and `spanId` from then on.
 */
export async function startTracing(serviceName: string): Promise<boolean> {
  const env = readTracingEnv();
  if (!env.enabled || started) return started;
  started = true;
  const { createAddHookMessageChannel } = await import("import-in-the-middle");
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register("import-in-the-middle/hook.mjs", import.meta.url, registerOptions);

  const [{ NodeTracerProvider }, { BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, instrumentation, http, ioredis, pg] =
    await Promise.all([
      import("@opentelemetry/sdk-trace-node"),
      import("@opentelemetry/sdk-trace-base"),
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/resources"),
      import("@opentelemetry/instrumentation"),
      import("@opentelemetry/instrumentation-http"),
      import("@opentelemetry/instrumentation-ioredis"),
      import("@opentelemetry/instrumentation-pg"),
    ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": env.serviceName ?? serviceName }),
    // OTLP JSON over HTTP (OTEL_BSP_SCHEDULE_DELAY and the other OTEL_BSP_* variables tune the batches).
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: env.tracesUrl }))],
  });
  // Registers the AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
  instrumentation.registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new http.HttpInstrumentation({
        // The exporter's own requests would trace themselves; scrapes and health checks are noise.
        ignoreOutgoingRequestHook: (request) => String(request.path ?? "").endsWith("/v1/traces"),
        ignoreIncomingRequestHook: (request) => /^\/(healthz|metrics)\b/.test(request.url ?? ""),
      }),
      new ioredis.IORedisInstrumentation({ requireParentSpan: true }),
      // Prisma 7 runs its queries through the pg driver adapter: the pg spans are Prisma's queries.
      new pg.PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  await waitForAllMessagesAcknowledged();
  addLogContextFields(traceLogFields);
  // Spans still batched are sent before a normal exit (beforeExit; a process.exit skips it, so the
  // shutdown paths call flushTracing first).
  process.once("beforeExit", () => void provider.shutdown());
  flush = () => provider.forceFlush();
  return true;
}

/**
 * Sends the spans still batched (the last requests and jobs before a SIGTERM), waiting at most
 * `timeoutMs` for the collector; does nothing when tracing is off. Never rejects.
 */
export async function flushTracing(timeoutMs = 2_000): Promise<void> {
  if (!flush) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([flush().catch(() => {}), timeout]);
  clearTimeout(timer);
}
