// Stripe's idempotent requests: the first response for an Idempotency-Key (errors included, once
// the endpoint began executing) is saved and replayed for 24 h with `Idempotent-Replayed: true`;
// the same key with other parameters is a 400 idempotency_error. Requests with the same key run
// one after another, so concurrent duplicates replay the first answer instead of creating twice.
import { StripeApiError } from "./objects.ts";

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export interface SavedResponse {
  status: number;
  body: string;
  requestId: string;
}

interface Entry {
  fingerprint: string;
  savedAt: number;
  response: SavedResponse;
}

export interface IdempotentOutcome {
  response: SavedResponse;
  replayed: boolean;
}

/** Key order does not change a request's identity. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}

export const requestFingerprint = (method: string, path: string, params: unknown): string => JSON.stringify([method, path, canonical(params)]);

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  /** Tail of each key's queue: the next request with that key waits for it. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
  ) {}

  /**
   * Run `execute` at most once per key (within the TTL). `execute` returns the response and
   * whether it may be saved (validation errors and 5xx are not, so a retry runs again).
   */
  async run(key: string, fingerprint: string, execute: () => Promise<{ response: SavedResponse; save: boolean }>): Promise<IdempotentOutcome> {
    if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new StripeApiError(
        400,
        { type: "invalid_request_error", message: `Invalid idempotency key: must be between 1 and ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.` },
        true,
      );
    }
    const previous = this.queues.get(key) ?? Promise.resolve();
    let release!: () => void;
    const finished = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => finished);
    this.queues.set(key, tail);
    await previous;
    try {
      this.forgetExpired(key);
      const entry = this.entries.get(key);
      if (entry) {
        if (entry.fingerprint !== fingerprint) {
          throw new StripeApiError(
            400,
            {
              type: "idempotency_error",
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            },
            true,
          );
        }
        return { response: entry.response, replayed: true };
      }
      const { response, save } = await execute();
      if (save) this.entries.set(key, { fingerprint, savedAt: this.now(), response });
      return { response, replayed: false };
    } finally {
      release();
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }

  private forgetExpired(key: string): void {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.savedAt >= this.ttlMs) this.entries.delete(key);
  }

  /** Drop every expired entry (called now and then so a long-running server stays small). */
  sweep(): void {
    for (const key of this.entries.keys()) this.forgetExpired(key);
  }
}
