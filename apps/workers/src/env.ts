// The only file in the workers app that reads process.env (house style rule 8).
import { ConfigError, createEnv, type EnvSource, port, redisClusterNodes, urlWith } from "@marquee/config/env";
import { readFulfilmentEnv, readStripeEnv, type FulfilmentEnv, type StripeEnv } from "@marquee/api/env";
import { type SoketiConnection, soketiConnection, soketiServerEnvShape } from "@marquee/config/soketi";
import { availableParallelism } from "node:os";
import { z } from "zod";

/** As in .env.example (and @marquee/db's default). */
export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/marquee";

export const ROLES = ["booking", "payment", "invoice", "notification", "analytics"] as const;
export type TRole = (typeof ROLES)[number];

/** Default ports, as in .env.example: gRPC 50051-50055, HTTP (/healthz, /metrics) 9101-9105. */
export const DEFAULT_PORTS: Record<TRole, { grpc: number; http: number }> = {
  booking: { grpc: 50051, http: 9101 },
  payment: { grpc: 50052, http: 9102 },
  invoice: { grpc: 50053, http: 9103 },
  notification: { grpc: 50054, http: 9104 },
  analytics: { grpc: 50055, http: 9105 },
};

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export interface TWorkerEnv {
  role: TRole;
  host: string;
  grpcPort: number;
  httpPort: number;
  /** Names of the port variables, so a bind failure can name the one to change. */
  grpcPortVariable: string;
  httpPortVariable: string;
  /** host:port of the analytics, invoice and notification workers' gRPC servers (*_GRPC_ADDRESS, else WORKER_HOST:*_GRPC_PORT). */
  analyticsAddress: string;
  invoiceAddress: string;
  notificationAddress: string;
  redisUrl: string;
  /** REDIS_CLUSTER_NODES: seed nodes of a Redis Cluster; empty for the one server at redisUrl. */
  redisClusterNodes: string[];
  /** PostgreSQL, for roles that call domain services (booking: hold expiry). */
  databaseUrl: string;
  /** Namespaces every Redis key (BullMQ queues and analytics counters). */
  redisPrefix: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** JOB_LOCK_SECONDS in ms. */
  jobLockMs: number;
  /** RECONCILE_EVERY_SECONDS in ms. */
  reconcileEveryMs: number;
  /** Soketi, where the booking role announces availability changes (SOKETI_*). */
  soketi: SoketiConnection;
  /** Stripe or the local Stripe test server (STRIPE_*): the payment role's only; null for the others. */
  stripe: StripeEnv | null;
  /** Mail, files, ticket keys and the web origin: the payment, invoice and notification roles'; null for the others. */
  fulfilment: FulfilmentEnv | null;
  /**
   * PDF_RENDER_THREADS: the invoice and notification roles' PDF render threads. Unset: one per core
   * the process may run on (os.availableParallelism(), which follows its CPU affinity); 0: render
   * inline on the main thread (tests, tiny machines). 0 for the roles that render no PDFs.
   */
  pdfRenderThreads: number;
}

export function parseRole(value: string | undefined): TRole {
  const role = ROLES.find((candidate) => candidate === value);
  if (!role) {
    throw new ConfigError(`Unknown worker role "${value ?? ""}": expected one of ${ROLES.join(", ")} or all`);
  }
  return role;
}

/** "host:port", with IPv6 hosts in brackets as gRPC addresses need. */
export const hostPort = (host: string, portNumber: number) =>
  host.includes(":") && !host.startsWith("[") ? `[${host}]:${portNumber}` : `${host}:${portNumber}`;

export const portVariables = (role: TRole) => ({
  grpc: `${role.toUpperCase()}_GRPC_PORT`,
  http: `${role.toUpperCase()}_HTTP_PORT`,
});

/** host:port (a name, an IPv4 address or a bracketed IPv6 address). */
export const ZGrpcAddress = z.string().regex(/^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, "must be host:port, e.g. marquee-invoice:50053");

/** Validates exactly the variables `role` reads; throws a one-line ConfigError naming the first bad one. */
export function loadWorkerEnv(role: TRole, source: EnvSource = process.env): TWorkerEnv {
  const common = createEnv(
    {
      WORKER_HOST: z.string().min(1).default("127.0.0.1"),
      REDIS_URL: urlWith("redis:", "rediss:").default("redis://127.0.0.1:6379"),
      // Seed nodes of a Redis Cluster; when set, REDIS_URL is not used.
      REDIS_CLUSTER_NODES: redisClusterNodes(),
      DATABASE_URL: urlWith("postgres:", "postgresql:").default(DEFAULT_DATABASE_URL),
      REDIS_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1-64 letters, digits, '.', '_' or '-'")
        .default("marquee"),
      LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
      // A job's lock (BullMQ lockDuration, renewed while it runs): a killed worker's jobs are
      // retried about this long after it died.
      JOB_LOCK_SECONDS: z.coerce.number().int().min(2).max(3_600).default(30),
      // The payment worker's reconciler runs this often and looks at orders untouched this long.
      RECONCILE_EVERY_SECONDS: z.coerce.number().int().min(2).max(86_400).default(60),
      PDF_RENDER_THREADS: z.coerce.number().int().min(0).max(64).optional(),
    },
    source,
  );
  const names = portVariables(role);
  const ports = createEnv(
    {
      [names.grpc]: port(DEFAULT_PORTS[role].grpc),
      [names.http]: port(DEFAULT_PORTS[role].http),
      ANALYTICS_GRPC_PORT: port(DEFAULT_PORTS.analytics.grpc),
      INVOICE_GRPC_PORT: port(DEFAULT_PORTS.invoice.grpc),
      NOTIFICATION_GRPC_PORT: port(DEFAULT_PORTS.notification.grpc),
    },
    source,
  );
  // Where the roles this one calls listen. Unset: WORKER_HOST and their *_GRPC_PORT (every role on one
  // host, as under `npm start`); set where each role runs apart (Kubernetes: the roles' Services).
  const peers = createEnv(
    {
      ANALYTICS_GRPC_ADDRESS: ZGrpcAddress.optional(),
      INVOICE_GRPC_ADDRESS: ZGrpcAddress.optional(),
      NOTIFICATION_GRPC_ADDRESS: ZGrpcAddress.optional(),
    },
    source,
  );
  return {
    role,
    host: common.WORKER_HOST,
    grpcPort: ports[names.grpc]!,
    httpPort: ports[names.http]!,
    grpcPortVariable: names.grpc,
    httpPortVariable: names.http,
    analyticsAddress: peers.ANALYTICS_GRPC_ADDRESS ?? hostPort(common.WORKER_HOST, ports.ANALYTICS_GRPC_PORT!),
    invoiceAddress: peers.INVOICE_GRPC_ADDRESS ?? hostPort(common.WORKER_HOST, ports.INVOICE_GRPC_PORT!),
    notificationAddress: peers.NOTIFICATION_GRPC_ADDRESS ?? hostPort(common.WORKER_HOST, ports.NOTIFICATION_GRPC_PORT!),
    redisUrl: common.REDIS_URL,
    redisClusterNodes: common.REDIS_CLUSTER_NODES,
    databaseUrl: common.DATABASE_URL,
    redisPrefix: common.REDIS_PREFIX,
    logLevel: common.LOG_LEVEL,
    jobLockMs: common.JOB_LOCK_SECONDS * 1_000,
    reconcileEveryMs: common.RECONCILE_EVERY_SECONDS * 1_000,
    soketi: soketiConnection(createEnv(soketiServerEnvShape(source), source)),
    stripe: role === "payment" ? readStripeEnv(source) : null,
    fulfilment: role === "payment" || role === "invoice" || role === "notification" ? readFulfilmentEnv(source) : null,
    pdfRenderThreads: role === "invoice" || role === "notification" ? (common.PDF_RENDER_THREADS ?? availableParallelism()) : 0,
  };
}
