import { type ServiceDefinition, type UntypedServiceImplementation } from "@grpc/grpc-js";
import { type RealtimePublisher } from "@marquee/api/realtime/publisher";
import { type FulfilmentEnv } from "@marquee/api/env";
import { type StripeSettings } from "@marquee/api/services/payments/stripe-client";
import { type QueueStats } from "@marquee/proto/v1/queue";
import { type Queue } from "bullmq";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { type TRole } from "../env.ts";
import { type JobRegistry } from "../jobs/registry.ts";
import { type Logger } from "../runtime/logger.ts";
import { type TMetrics } from "../runtime/metrics.ts";

/** What a role gets from the runtime: its clients, passed in rather than imported as singletons. */
export interface TRoleContext {
  role: TRole;
  logger: Logger;
  redis: RedisClient;
  /** Redis key prefix (REDIS_PREFIX) shared by the queues and the role's own keys. */
  prefix: string;
  /** The role's own queue, e.g. marquee.booking. */
  queue: Queue;
  /** PostgreSQL URL for roles that call domain services; they open (and close) their own client. */
  databaseUrl: string;
  /** Live updates (the booking role announces availability); absent or null: none. */
  realtime?: RealtimePublisher | null;
  /** Stripe (the payment role). */
  stripe?: StripeSettings;
  /** Mail, files, ticket keys, web origin (the payment, invoice and notification roles). */
  fulfilment?: FulfilmentEnv;
  /** gRPC addresses of the workers the payment role calls in the order saga. */
  addresses?: { invoice: string; notification: string };
  /** How often the payment role's reconciler runs (default 60 s). */
  reconcileEveryMs?: number;
  /** The process's metrics, for roles that make gRPC calls of their own. */
  metrics?: TMetrics;
  /** PDF render threads of the invoice and notification roles (PDF_RENDER_THREADS); absent or 0: inline. */
  pdfRenderThreads?: number;
}

/** A role: the jobs its worker handles and the gRPC service it serves. */
export interface TRoleModule {
  jobs: JobRegistry;
  service: {
    /** Full service name, as grpc.health.v1 reports it: "marquee.v1.BookingService". */
    name: string;
    definition: ServiceDefinition;
    implementation: UntypedServiceImplementation;
  };
  /** Jobs the role's worker runs at once (default 5). */
  concurrency?: number;
  /** Runs once before the worker starts (e.g. installs repeatable jobs). */
  start?: () => Promise<void>;
  /** Runs at shutdown after the worker closed (e.g. disconnects the role's database client). */
  close?: () => Promise<void>;
}

/** GetQueueStats, shared by every role's service. */
export async function queueStats(queue: Queue): Promise<QueueStats> {
  const counts = await queue.getJobCounts("waiting", "active", "delayed", "completed", "failed");
  return {
    queue: queue.name,
    waiting: counts.waiting ?? 0,
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    completed: counts.completed ?? 0,
    failed: counts.failed ?? 0,
  };
}
