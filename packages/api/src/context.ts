import type { Db } from "@marquee/db";
import type { RedisClient } from "./lib/redis-client.ts";
import type Stripe from "stripe";
import { type Clock, systemClock } from "./clock.ts";
import type { QueueClient } from "./jobs/queue-client.ts";
import type { RealtimePublisher } from "./realtime/publisher.ts";
import type { FileStore } from "./services/files/file-store.ts";
import type { SessionUser } from "./session.ts";

/** What the transport knows about the request, for CSRF checks, rate limits and audit. */
export interface RequestMeta {
  method: string;
  ip: string | null;
  origin: string | null;
  secFetchSite: string | null;
  /** Set by our own tRPC client; a cross-site form or no-cors fetch cannot set custom headers. */
  trpcSource: string | null;
  /** X-Cart-Token: the bearer token of a buyer's (possibly guest) cart. */
  cartToken: string | null;
  /** X-Admission-Token: the waiting room's signed, single-use pass to hold on a queued event. */
  admissionToken: string | null;
  /** Idempotency-Key of a retried public write. */
  idempotencyKey: string | null;
  /** X-Support-Token: a guest's bearer token for one support conversation (never in a URL). */
  supportToken?: string | null;
  /** X-Order-Token: the token of an e-mailed order link (from the page's fragment, never in a URL). */
  orderToken?: string | null;
  /** A paired scanner's credential from `Authorization: Bearer mq_dev_...` (deviceProcedure checks it). */
  deviceToken?: string | null;
}

export interface Context {
  db: Db;
  /**
   * The public catalogue reads' client (event listing, search, event page): a read replica when
   * DATABASE_READ_URL is set, else `db`. Never for holds, inventory, orders or a buyer's own writes.
   */
  dbRead: Db;
  redis: RedisClient;
  /** Prefix for every Redis key this request writes (REDIS_PREFIX). */
  redisPrefix: string;
  queues: QueueClient;
  clock: Clock;
  /** Soketi publisher for live updates; null where nothing listens (most tests). */
  realtime: RealtimePublisher | null;
  /** Stripe (or the local test server); null where no payment is taken. */
  stripe: Stripe | null;
  /** Stored documents (invoice PDFs); null where none are served (most tests). */
  files: FileStore | null;
  session: SessionUser | null;
  request: RequestMeta;
  /** Origins allowed to send mutations (the apps' own). */
  allowedOrigins: string[];
}

export interface CreateContextOptions {
  db: Db;
  /** Default: db. */
  dbRead?: Db;
  redis: RedisClient;
  redisPrefix?: string;
  queues: QueueClient;
  session?: SessionUser | null;
  clock?: Clock;
  realtime?: RealtimePublisher | null;
  stripe?: Stripe | null;
  files?: FileStore | null;
  request?: Partial<RequestMeta>;
  allowedOrigins?: string[];
}

/** Builds a context from real clients; the Next handlers and the tests both come through here. */
export function createContextInner(options: CreateContextOptions): Context {
  return {
    db: options.db,
    dbRead: options.dbRead ?? options.db,
    redis: options.redis,
    redisPrefix: options.redisPrefix ?? "marquee",
    queues: options.queues,
    clock: options.clock ?? systemClock,
    realtime: options.realtime ?? null,
    stripe: options.stripe ?? null,
    files: options.files ?? null,
    session: options.session ?? null,
    request: {
      method: "POST",
      ip: null,
      origin: null,
      secFetchSite: null,
      trpcSource: "server",
      cartToken: null,
      admissionToken: null,
      idempotencyKey: null,
      ...options.request,
    },
    allowedOrigins: options.allowedOrigins ?? [],
  };
}
