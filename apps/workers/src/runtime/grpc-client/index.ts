export { backoffDelay, DEFAULT_BACKOFF, RETRYABLE_CODES, type TBackoff } from "./backoff.ts";
export { callUnary, DEFAULT_RETRIES, serviceOf, type TCallOptions, type TClientMetrics, type TUnaryMethod } from "./call-unary.ts";
export {
  BREAKER_FAILURE_CODES,
  CircuitOpenError,
  createCircuitBreaker,
  DEFAULT_BREAKER,
  type TBreakerOptions,
  type TBreakerState,
  type TCircuitBreaker,
} from "./circuit-breaker.ts";
export { IDEMPOTENCY_KEY_METADATA, isValidIdempotencyKey, MAX_IDEMPOTENCY_KEY_LENGTH } from "./idempotency-key.ts";
export { createIdempotencyStore, idempotencyKeyOf, readIdempotencyKey, type TIdempotencyStore } from "./server-idempotency.ts";
export { createServiceClient, type TServiceClient, type TServiceClientOptions } from "./service-client.ts";
