import { type Client, Metadata, type ServiceError, status as Status } from "@grpc/grpc-js";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { injectTraceContext, inSpan, SpanKind } from "@marquee/api/observability/tracing";
import { CORRELATION_ID_METADATA, statusName } from "../grpc-server.ts";
import { currentCorrelationId } from "../logger.ts";
import { type TMetrics } from "../metrics.ts";
import { backoffDelay, DEFAULT_BACKOFF, RETRYABLE_CODES, type TBackoff } from "./backoff.ts";
import { CircuitOpenError, type TCircuitBreaker } from "./circuit-breaker.ts";
import { assertIdempotencyKey, IDEMPOTENCY_KEY_METADATA } from "./idempotency-key.ts";

/** The part of a generated `<Service>Service` method definition that a unary call needs. */
export interface TUnaryMethod<TRequest, TReply> {
  path: string;
  requestStream?: false;
  responseStream?: false;
  requestSerialize: (value: TRequest) => Buffer;
  responseDeserialize: (value: Buffer) => TReply;
}

export type TClientMetrics = Pick<TMetrics, "grpcCalls" | "grpcClientCalls" | "grpcClientRetries">;

export const DEFAULT_RETRIES = 3;

export interface TCallOptions {
  /** Deadline of each attempt, in ms from its start. */
  deadlineMs: number;
  /**
   * Marks the call idempotent: sent as `x-idempotency-key` so the server applies it once, and
   * only then is the call retried. Without it the call is sent exactly once.
   */
  idempotencyKey?: string;
  /** Retries after the first attempt, for idempotent calls only (default 3). */
  retries?: number;
  backoff?: Partial<TBackoff>;
  /** `x-correlation-id`; default: the current job's or call's id, else a new one. */
  correlationId?: string;
  /** The target's breaker; every attempt goes through it. */
  breaker?: TCircuitBreaker;
  metrics?: TClientMetrics;
  /** Label for metrics; default: the service name from the method path. */
  target?: string;
}

/** "/marquee.v1.AnalyticsService/Record" -> "marquee.v1.AnalyticsService". */
export const serviceOf = (path: string): string => path.split("/")[1] ?? path;

const codeOf = (error: unknown): number => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : Status.UNKNOWN;
};

/**
 * One unary call with a deadline per attempt, correlation and idempotency metadata, retries with
 * exponential backoff and jitter (idempotent calls and RETRYABLE_CODES only) and the target's
 * circuit breaker. Rejects with the grpc-js ServiceError of the last attempt, or CircuitOpenError.
 */
export function callUnary<TRequest, TReply>(client: Client, method: TUnaryMethod<TRequest, TReply>, request: TRequest, options: TCallOptions): Promise<TReply> {
  // One client span per call (its retries inside); its trace context travels in the metadata.
  const [, service = "", name = ""] = method.path.split("/");
  const attributes = { "rpc.system": "grpc", "rpc.service": service, "rpc.method": name };
  return inSpan(`grpc ${method.path.slice(1)}`, { kind: SpanKind.CLIENT, attributes }, (span) =>
    callWithRetries(client, method, request, options).catch((error: unknown) => {
      span.setAttribute("rpc.grpc.status_code", codeOf(error));
      throw error;
    }),
  );
}

async function callWithRetries<TRequest, TReply>(
  client: Client,
  method: TUnaryMethod<TRequest, TReply>,
  request: TRequest,
  options: TCallOptions,
): Promise<TReply> {
  const target = options.target ?? options.breaker?.target ?? serviceOf(method.path);
  const key = options.idempotencyKey;
  if (key !== undefined) assertIdempotencyKey(key);
  const metadata = new Metadata();
  metadata.set(CORRELATION_ID_METADATA, options.correlationId ?? currentCorrelationId() ?? randomUUID());
  if (key !== undefined) metadata.set(IDEMPOTENCY_KEY_METADATA, key);
  for (const [header, value] of Object.entries(injectTraceContext() ?? {})) metadata.set(header, value);
  const maxAttempts = key === undefined ? 1 : 1 + Math.max(0, options.retries ?? DEFAULT_RETRIES);
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const labels = { target, method: method.path };

  const attempt = () =>
    new Promise<TReply>((resolve, reject) => {
      client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        metadata.clone(),
        { deadline: Date.now() + options.deadlineMs },
        (error: ServiceError | null, reply?: TReply) => {
          options.metrics?.grpcCalls.inc({ side: "client", method: method.path, code: statusName(error ? error.code : Status.OK) });
          if (error) reject(error);
          else resolve(reply as TReply);
        },
      );
    });

  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      const reply = await (options.breaker ? options.breaker.fire(attempt) : attempt());
      options.metrics?.grpcClientCalls.inc({ ...labels, outcome: "ok" });
      return reply;
    } catch (error) {
      if (error instanceof CircuitOpenError) {
        options.metrics?.grpcClientCalls.inc({ ...labels, outcome: "short_circuited" });
        throw error;
      }
      const code = codeOf(error);
      if (attemptNumber >= maxAttempts || !RETRYABLE_CODES.has(code)) {
        options.metrics?.grpcClientCalls.inc({ ...labels, outcome: "error" });
        throw error;
      }
      options.metrics?.grpcClientRetries.inc({ ...labels, code: statusName(code) });
      await sleep(backoffDelay(attemptNumber, backoff));
    }
  }
}
