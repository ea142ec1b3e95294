import { createEnv, type EnvSource } from "@marquee/config/env";
import { z } from "zod";

/**
 * OpenTelemetry's standard variables that decide whether this process traces at all. Tracing is on
 * when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, or when
 * OTEL_TRACES_EXPORTER is `otlp` (then the exporter's default, http://localhost:4318); off otherwise
 * and whenever OTEL_SDK_DISABLED is true or OTEL_TRACES_EXPORTER is `none`. The SDK itself reads the
 * rest (OTEL_BSP_*, OTEL_EXPORTER_OTLP_HEADERS, OTEL_TRACES_SAMPLER, OTEL_RESOURCE_ATTRIBUTES, ...).
 */
export const readTracingEnv = (source: EnvSource = process.env) => {
  const env = createEnv(
    {
      OTEL_SDK_DISABLED: z.enum(["true", "false"]).default("false"),
      OTEL_TRACES_EXPORTER: z.string().default(""),
      OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
      OTEL_SERVICE_NAME: z.string().min(1).optional(),
    },
    source,
  );
  const exporters = env.OTEL_TRACES_EXPORTER.split(",").map((name) => name.trim());
  const wanted = exporters.includes("otlp") || Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  return {
    enabled: env.OTEL_SDK_DISABLED !== "true" && !exporters.includes("none") && wanted,
    // The exporter appends /v1/traces to the base endpoint; a traces endpoint is used as it is.
    tracesUrl:
      env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
      (env.OTEL_EXPORTER_OTLP_ENDPOINT ? `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, "")}/v1/traces` : undefined),
    serviceName: env.OTEL_SERVICE_NAME,
  };
};
