import {
  type handleUnaryCall,
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type ServiceDefinition,
  type ServiceError,
  status as Status,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import { randomUUID } from "node:crypto";
import { ConfigError } from "@marquee/config/env";
import { AppError } from "@marquee/api/errors";
import { extractTraceContext, inSpan, setSpanError, SpanKind } from "@marquee/api/observability/tracing";
import { type Logger, withCorrelationId } from "./logger.ts";
import { type TMetrics } from "./metrics.ts";

export const CORRELATION_ID_METADATA = "x-correlation-id";

/** "OK", "NOT_FOUND", ...: the label value for a status code. */
export const statusName = (code: number): string => Status[code] ?? String(code);

/** An error that reaches the gRPC client with its status code and message. */
export class GrpcError extends Error {
  constructor(
    readonly code: Status,
    message: string,
  ) {
    super(message);
    this.name = "GrpcError";
  }
}

/**
 * A domain error's gRPC status. CONFLICT (e.g. "the invoice is not issued yet", "another call is
 * sending this e-mail") is ABORTED, which idempotent callers retry with backoff; the rest are final.
 */
const APP_ERROR_GRPC: Partial<Record<AppError["code"], Status>> = {
  VALIDATION_ERROR: Status.INVALID_ARGUMENT,
  NOT_FOUND: Status.NOT_FOUND,
  CONFLICT: Status.ABORTED,
  IDEMPOTENCY_MISMATCH: Status.ALREADY_EXISTS,
  FORBIDDEN: Status.PERMISSION_DENIED,
  PAYMENTS_UNAVAILABLE: Status.UNAVAILABLE,
  INVENTORY_BUSY: Status.UNAVAILABLE,
};

/** The status and message a client gets for `error`. */
export function toGrpcError(error: unknown): { code: Status; details: string } {
  if (error instanceof GrpcError) return { code: error.code, details: error.message };
  if (error instanceof AppError) return { code: APP_ERROR_GRPC[error.code] ?? Status.INTERNAL, details: `${error.code}: ${error.message}` };
  return { code: Status.INTERNAL, details: error instanceof Error ? error.message : String(error) };
}

/** Adapts an async function to grpc-js's callback style; domain errors get their status, others INTERNAL. */
export function unary<TRequest, TReply>(
  fn: (request: TRequest, call: ServerUnaryCall<TRequest, TReply>) => Promise<TReply>,
): handleUnaryCall<TRequest, TReply> {
  return (call, callback) => {
    fn(call.request, call).then(
      (reply) => callback(null, reply),
      (error: unknown) => callback(toGrpcError(error)),
    );
  };
}

/**
 * A grpc-js server whose unary handlers run inside the caller's correlation id (from metadata,
 * or a new one) and are counted in marquee_worker_grpc_calls_total.
 */
export function createGrpcServer(logger: Logger, metrics: TMetrics) {
  const server = new Server();
  let bound = false;

  function instrument(method: string, handler: handleUnaryCall<unknown, unknown>): handleUnaryCall<unknown, unknown> {
    return (call, callback) => {
      const [header] = call.metadata.get(CORRELATION_ID_METADATA);
      const correlationId = typeof header === "string" && header.length > 0 ? header.slice(0, 200) : randomUUID();
      // A server span, child of the caller's client span (its trace context is in the metadata).
      const [traceparent] = call.metadata.get("traceparent");
      const [tracestate] = call.metadata.get("tracestate");
      const [, service = "", name = ""] = method.split("/");
      const span = {
        kind: SpanKind.SERVER,
        parent: extractTraceContext({ traceparent, tracestate }),
        attributes: { "rpc.system": "grpc", "rpc.service": service, "rpc.method": name },
      };
      void inSpan(`grpc ${method.slice(1)}`, span, (serverSpan) =>
        withCorrelationId(
          correlationId,
          () =>
            new Promise<void>((resolve) => {
              const done = (error: Partial<ServiceError> | null, ...rest: unknown[]) => {
                const statusCode = error ? (error.code ?? Status.UNKNOWN) : Status.OK;
                const code = statusName(statusCode);
                metrics.grpcCalls.inc({ side: "server", method, code });
                serverSpan.setAttribute("rpc.grpc.status_code", statusCode);
                if (error) {
                  setSpanError(serverSpan, code);
                  logger.warn({ method, code, details: error.details }, "grpc call failed");
                }
                (callback as (...args: unknown[]) => void)(error, ...rest);
                resolve();
              };
              try {
                handler(call, done);
              } catch (error) {
                done(toGrpcError(error));
              }
            }),
        ),
      );
    };
  }

  return {
    server,
    addService<TService extends ServiceDefinition>(definition: TService, implementation: UntypedServiceImplementation) {
      const wrapped: UntypedServiceImplementation = { ...implementation };
      for (const [key, method] of Object.entries(definition)) {
        const handler = implementation[key];
        if (handler && !method.requestStream && !method.responseStream) {
          wrapped[key] = instrument(method.path, handler as handleUnaryCall<unknown, unknown>);
        }
      }
      server.addService(definition, wrapped);
    },
    /** Binds host:port; a port in use becomes a ConfigError naming `portVariable`. */
    bind(address: string, portVariable: string): Promise<number> {
      return new Promise((resolve, reject) => {
        server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => {
          if (error) {
            reject(new ConfigError(`Invalid configuration: ${portVariable} cannot be used for gRPC on ${address} (${error.message})`));
            return;
          }
          bound = true;
          resolve(port);
        });
      });
    },
    isBound: () => bound,
    /** Waits for in-flight calls; forces the shutdown after `timeoutMs`. */
    shutdown(timeoutMs = 5_000): Promise<void> {
      bound = false;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          logger.warn("grpc server did not drain in time, forcing shutdown");
          server.forceShutdown();
          resolve();
        }, timeoutMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

export type TGrpcServer = ReturnType<typeof createGrpcServer>;
