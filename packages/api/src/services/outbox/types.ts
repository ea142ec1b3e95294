import type { Db } from "@marquee/db";
import type { QueueClient } from "../../jobs/queue-client.ts";
import type { RealtimePublisher } from "../../realtime/publisher.ts";

/** The clients the relay needs; the booking worker provides them. */
export interface TOutboxRelayDeps {
  db: Db;
  /** Enqueues on the worker queues (its Redis prefix decides which queues). */
  queues: QueueClient;
  /** Soketi; absent or null: rows of realtime topics fail and are retried until there is one. */
  realtime?: RealtimePublisher | null;
}

export interface TOutboxRelayOptions {
  /** Rows claimed per batch (default 100). */
  batch?: number;
  /** How long a claim keeps other relays off a row (default 30 s): the redelivery delay after a crash. */
  leaseMs?: number;
  /** A publish that takes longer fails (and is retried); default 10 s, keep it well under leaseMs. */
  publishTimeoutMs?: number;
  /** Publishes in flight at once (default 16). */
  concurrency?: number;
  /** Retry delay after the n-th failure: min(maxMs, baseMs * 2^(n-1)); default 1 s .. 5 min. */
  backoff?: { baseMs: number; maxMs: number };
  /** Only rows of this aggregateType (tests; or a relay per aggregate). Default: every row. */
  aggregateType?: string;
  /** Test hook between publishing and marking sent; throwing there is a crash at the worst moment. */
  beforeMarkSent?: (publishedIds: readonly bigint[]) => Promise<void> | void;
}

export interface TOutboxBatchResult {
  claimed: number;
  published: number;
  failed: number;
}
