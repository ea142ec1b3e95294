import { Metadata, status as Status } from "@grpc/grpc-js";
import CircuitBreaker from "opossum";
import { type TMetrics } from "../metrics.ts";

export type TBreakerState = "closed" | "half_open" | "open";

const STATE_GAUGE: Record<TBreakerState, number> = { closed: 0, half_open: 1, open: 2 };

export interface TBreakerOptions {
  /** Calls the rolling window must hold before the breaker may open. */
  volumeThreshold: number;
  /** Opens when more than this share (%) of the window's calls failed. */
  errorThresholdPercentage: number;
  /** Length of the rolling window. */
  windowMs: number;
  /** How long it stays open before letting one probe call through (half-open). */
  resetTimeoutMs: number;
}

export const DEFAULT_BREAKER: TBreakerOptions = {
  volumeThreshold: 10,
  errorThresholdPercentage: 50,
  windowMs: 10_000,
  resetTimeoutMs: 5_000,
};

/**
 * Codes that say the target is unwell and count against the breaker. Answers such as
 * INVALID_ARGUMENT or NOT_FOUND prove the server is up, so they count as successes.
 */
export const BREAKER_FAILURE_CODES: ReadonlySet<Status> = new Set([
  Status.UNAVAILABLE,
  Status.DEADLINE_EXCEEDED,
  Status.RESOURCE_EXHAUSTED,
  Status.INTERNAL,
  Status.UNKNOWN,
  Status.DATA_LOSS,
]);

const grpcCode = (error: unknown): number | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
};

const isBreakerFailure = (error: unknown): boolean => {
  const code = grpcCode(error);
  // Errors without a gRPC code (a bug in the caller, a serialisation failure) say nothing of the target.
  return code !== undefined && BREAKER_FAILURE_CODES.has(code);
};

/**
 * Thrown without calling the target while its breaker is open. It carries UNAVAILABLE like a
 * grpc-js ServiceError, so callers that only look at `code` treat it as a retryable outage.
 */
export class CircuitOpenError extends Error {
  readonly code = Status.UNAVAILABLE;
  readonly details: string;
  readonly metadata = new Metadata();
  constructor(readonly target: string) {
    super(`circuit breaker for ${target} is open: failing fast without calling it`);
    this.name = "CircuitOpenError";
    this.details = this.message;
  }
}

/**
 * One opossum breaker for one target service. Each attempt of a call goes through it (retries
 * wrap it from outside), so a failing target trips it sooner and retries stop once it is open.
 */
export function createCircuitBreaker(target: string, options: Partial<TBreakerOptions> = {}, metrics?: Pick<TMetrics, "grpcBreakerState">) {
  const settings = { ...DEFAULT_BREAKER, ...options };
  const breaker = new CircuitBreaker<[() => Promise<unknown>], unknown>((attempt) => attempt(), {
    // The gRPC deadline bounds each attempt; opossum's own timer would only duplicate it.
    timeout: false,
    resetTimeout: settings.resetTimeoutMs,
    rollingCountTimeout: settings.windowMs,
    rollingCountBuckets: 10,
    volumeThreshold: settings.volumeThreshold,
    errorThresholdPercentage: settings.errorThresholdPercentage,
    // true = "not a failure": the error still reaches the caller but counts as a success.
    errorFilter: (error: unknown) => !isBreakerFailure(error),
  });

  const state = (): TBreakerState => (breaker.opened ? "open" : breaker.halfOpen ? "half_open" : "closed");
  const report = () => metrics?.grpcBreakerState.set({ target }, STATE_GAUGE[state()]);
  breaker.on("open", report);
  breaker.on("halfOpen", report);
  breaker.on("close", report);
  report();

  return {
    target,
    state,
    /** Runs `attempt` unless the breaker is open (then rejects with CircuitOpenError). */
    async fire<T>(attempt: () => Promise<T>): Promise<T> {
      try {
        return (await breaker.fire(attempt)) as T;
      } catch (error) {
        if (error instanceof Error && CircuitBreaker.isOurError(error)) throw new CircuitOpenError(target);
        throw error;
      }
    },
    /** Stops the breaker's timers; later calls fail with CircuitOpenError. */
    shutdown: () => breaker.shutdown(),
  };
}

export type TCircuitBreaker = ReturnType<typeof createCircuitBreaker>;
