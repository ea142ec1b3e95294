import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export type TJobStatus = "completed" | "retried" | "failed";

/** One registry per process (not prom-client's global one), labelled with the worker role. */
export function createMetrics(role: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    jobs: new Counter({
      name: "marquee_worker_jobs_total",
      help: "Job attempts by queue, job name and outcome (retried: failed, will run again).",
      labelNames: ["queue", "job", "status"] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: "marquee_worker_job_duration_seconds",
      help: "Duration of job attempts by queue, job name and outcome.",
      labelNames: ["queue", "job", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    grpcCalls: new Counter({
      name: "marquee_worker_grpc_calls_total",
      help: "gRPC calls handled (side=server) or made (side=client), by method and status code.",
      labelNames: ["side", "method", "code"] as const,
      registers: [registry],
    }),
    grpcClientCalls: new Counter({
      name: "marquee_worker_grpc_client_calls_total",
      help: "Outgoing gRPC calls (after retries) by target service, method and outcome (ok, error, short_circuited).",
      labelNames: ["target", "method", "outcome"] as const,
      registers: [registry],
    }),
    grpcClientRetries: new Counter({
      name: "marquee_worker_grpc_client_retries_total",
      help: "Retries of idempotent outgoing gRPC calls by target service, method and the status code retried.",
      labelNames: ["target", "method", "code"] as const,
      registers: [registry],
    }),
    grpcBreakerState: new Gauge({
      name: "marquee_worker_grpc_breaker_state",
      help: "Circuit breaker state per target service: 0 closed, 1 half-open, 2 open.",
      labelNames: ["target"] as const,
      registers: [registry],
    }),
  };
}

export type TMetrics = ReturnType<typeof createMetrics>;
