/** gRPC metadata that carries the idempotency key of a call (header names are lower-case). */
export const IDEMPOTENCY_KEY_METADATA = "x-idempotency-key";

/** Like Stripe's keys: at most 255 characters; printable ASCII, as gRPC text metadata requires. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

const KEY_PATTERN = /^[\x21-\x7e]+$/;

export const isValidIdempotencyKey = (key: string): boolean => key.length > 0 && key.length <= MAX_IDEMPOTENCY_KEY_LENGTH && KEY_PATTERN.test(key);

export function assertIdempotencyKey(key: string): void {
  if (!isValidIdempotencyKey(key)) {
    throw new TypeError(`idempotency key must be 1-${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters without spaces`);
  }
}
