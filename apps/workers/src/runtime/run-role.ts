import { flushTracing } from "@marquee/api/observability/start-tracing";
import { createRealtimePublisher } from "@marquee/api/realtime/publisher";
import { createStripeSettings } from "@marquee/api/services/payments/stripe-client";
import { HealthService } from "@marquee/proto/grpc/health/v1";
import { type Queue, type Worker } from "bullmq";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { type Server } from "node:http";
import { hostPort, type TWorkerEnv } from "../env.ts";
import { DEAD_LETTER_QUEUE, QUEUE_NAMES } from "@marquee/api/jobs";
import { createQueue } from "../jobs/queues.ts";
import { createCounterStore } from "../roles/analytics-counters.ts";
import { listDeadLetters } from "../jobs/dead-letter.ts";
import { createJobWorker, type TJobWorkerOptions } from "../jobs/worker.ts";
import { ROLE_FACTORIES } from "../roles/index.ts";
import { type TRoleModule } from "../roles/types.ts";
import { createHealthService, ServingStatus, type THealthService } from "./grpc-health.ts";
import { createGrpcServer, type TGrpcServer } from "./grpc-server.ts";
import { closeHttpServer, startHttpServer } from "./http-server.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createMetrics, type TMetrics } from "./metrics.ts";
import { readQueueReport } from "./queue-report.ts";
import { connectRedis, pingRedis } from "./redis.ts";
import { handleShutdownSignals } from "./shutdown.ts";

/** What is running so far; shutdown stops whatever of it exists. */
interface TRunning {
  shuttingDown: boolean;
  redis?: RedisClient;
  queues: Queue[];
  grpc?: TGrpcServer;
  health?: THealthService;
  http?: Server;
  worker?: Worker;
  roleModule?: TRoleModule;
}

/**
 * Starts one worker role: RedisClient, the role's gRPC service plus grpc.health.v1, the HTTP server
 * for /healthz, /metrics and /queues, then the BullMQ worker on the role's queue. SIGTERM/SIGINT
 * stop accepting work, let running jobs finish, drain gRPC, quit Redis and exit 0.
 */
export async function runRole(env: TWorkerEnv): Promise<void> {
  const { role } = env;
  const logger = createLogger(role, env.logLevel);
  const metrics = createMetrics(role);
  const running: TRunning = { shuttingDown: false, queues: [] };
  // Installed before anything starts, so a signal during start-up also exits cleanly.
  installShutdown(logger, running);

  const redis = (running.redis = await connectRedis({ url: env.redisUrl, clusterNodes: env.redisClusterNodes }, logger));
  const deadLetter = createQueue(DEAD_LETTER_QUEUE, redis, env.redisPrefix);
  const queue = createQueue(QUEUE_NAMES[role], redis, env.redisPrefix);
  running.queues.push(queue, deadLetter);
  metrics.watchDeadLetters(queue.name, async () => (await listDeadLetters(deadLetter, queue.name, 0)).total);
  const roleModule = ROLE_FACTORIES[role]({
    role,
    logger,
    redis,
    prefix: env.redisPrefix,
    queue,
    databaseUrl: env.databaseUrl,
    // The booking role announces availability; the analytics role tells consoles their dashboard changed.
    realtime: role === "booking" || role === "analytics" ? createRealtimePublisher(env.soketi) : null,
    stripe: env.stripe ? createStripeSettings(env.stripe) : undefined,
    fulfilment: env.fulfilment ?? undefined,
    addresses: { invoice: env.invoiceAddress, notification: env.notificationAddress },
    reconcileEveryMs: env.reconcileEveryMs,
    metrics,
    pdfRenderThreads: env.pdfRenderThreads,
  });
  running.roleModule = roleModule;

  const grpcPort = await startGrpc(env, roleModule, logger, metrics, running);
  running.http = await startHttpServer({
    host: env.host,
    port: env.httpPort,
    portVariable: env.httpPortVariable,
    role,
    metrics,
    logger,
    queues: () => readQueueReport(role, queue, deadLetter),
    checks: {
      shutdown: () => {
        if (running.shuttingDown) throw new Error("shutting down");
      },
      redis: () => pingRedis(redis),
      grpc: () => {
        if (!running.grpc?.isBound()) throw new Error("not bound");
      },
      worker: () => {
        if (!running.worker?.isRunning()) throw new Error("not running");
      },
    },
  });
  if (running.shuttingDown) return;

  await roleModule.start?.();
  // After each job, a report for the analytics worker: one LPUSH on this process's Redis, applied
  // once per job key, so a retried job still counts once and analytics being down costs nothing.
  const counters = createCounterStore(redis, env.redisPrefix);
  const afterJob: TJobWorkerOptions["afterJob"] = async (job, context) => {
    await counters.report({ name: `jobs.${role}.${job.name}`, count: 1, correlationId: context.key });
  };
  running.worker = createJobWorker({
    registry: roleModule.jobs,
    connection: redis,
    prefix: env.redisPrefix,
    deadLetter,
    metrics,
    logger,
    afterJob,
    lockMs: env.jobLockMs,
    concurrency: roleModule.concurrency,
  });
  running.health?.setAll(ServingStatus.SERVING);

  logger.info(
    {
      queue: queue.name,
      grpc: hostPort(env.host, grpcPort),
      http: `http://${hostPort(env.host, env.httpPort)}`,
      invoice: env.invoiceAddress,
      notification: env.notificationAddress,
    },
    "worker started",
  );
}

/** The role's service and grpc.health.v1 on one server; returns the bound port. */
async function startGrpc(env: TWorkerEnv, roleModule: TRoleModule, logger: Logger, metrics: TMetrics, running: TRunning) {
  const grpc = (running.grpc = createGrpcServer(logger, metrics));
  const health = (running.health = createHealthService([roleModule.service.name]));
  grpc.addService(HealthService, health.implementation);
  grpc.addService(roleModule.service.definition, roleModule.service.implementation);
  return grpc.bind(hostPort(env.host, env.grpcPort), env.grpcPortVariable);
}

function installShutdown(logger: Logger, running: TRunning): void {
  let httpClosed: Promise<void> | undefined;
  handleShutdownSignals(logger, [
    [
      "stop accepting",
      () => {
        running.shuttingDown = true;
        running.health?.setAll(ServingStatus.NOT_SERVING);
        running.health?.endWatches();
        // No job is fetched from here on (BullMQ's close stops fetching at once); the next step
        // waits for the running ones. Not after the HTTP server: a client half-way through a
        // request would hold its close, and the worker would go on taking jobs meanwhile.
        running.worker?.close().catch(() => {});
        if (running.http) httpClosed = closeHttpServer(running.http);
      },
    ],
    // Waits for running jobs (and their analytics report) to finish (the same close as above).
    ["close worker", () => running.worker?.close()],
    // Health checks and scrapes still open now are cut.
    [
      "close http server",
      () => {
        running.http?.closeAllConnections();
        return httpClosed;
      },
    ],
    ["close role", () => running.roleModule?.close?.()],
    ["shut down grpc server", () => running.grpc?.shutdown()],
    ["close queues", () => Promise.all(running.queues.map((queue) => queue.close()))],
    // The spans of the last jobs and calls, still batched (nothing when tracing is off).
    ["flush traces", () => flushTracing()],
    // QUIT would wait forever for a Redis that is down (maxRetriesPerRequest: null).
    ["quit redis", () => (running.redis?.status === "ready" ? running.redis.quit() : running.redis?.disconnect())],
  ]);
}
