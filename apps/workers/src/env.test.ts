import { availableParallelism } from "node:os";
import { ConfigError } from "@marquee/config/env";
import { describe, expect, it } from "vitest";
import { loadWorkerEnv, parseRole } from "./env.ts";

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

/** Development: the secrets' development defaults apply. */
const DEV = { NODE_ENV: "development" };

describe("loadWorkerEnv", () => {
  it("uses the .env.example defaults when nothing is set", () => {
    expect(loadWorkerEnv("payment", DEV)).toEqual({
      role: "payment",
      host: "127.0.0.1",
      grpcPort: 50052,
      httpPort: 9102,
      grpcPortVariable: "PAYMENT_GRPC_PORT",
      httpPortVariable: "PAYMENT_HTTP_PORT",
      analyticsAddress: "127.0.0.1:50055",
      invoiceAddress: "127.0.0.1:50053",
      notificationAddress: "127.0.0.1:50054",
      redisUrl: "redis://127.0.0.1:6379",
      redisClusterNodes: [],
      databaseUrl: "postgresql://postgres@127.0.0.1:5432/marquee",
      redisPrefix: "marquee",
      logLevel: "info",
      jobLockMs: 30_000,
      reconcileEveryMs: 60_000,
      soketi: { host: "127.0.0.1", port: 6001, appId: "app-id", key: "app-key", secret: "app-secret", useTLS: false },
      stripe: { STRIPE_SECRET_KEY: "", STRIPE_API_URL: "http://127.0.0.1:12111", STRIPE_WEBHOOK_SECRET: "whsec_marquee_local_development_secret" },
      fulfilment: expect.objectContaining({
        SMTP_URL: "smtp://127.0.0.1:1025",
        WEB_URL: "http://localhost:3000",
        TICKET_KEY_SECRET: "dev-only-ticket-key-secret-change-me",
      }),
      pdfRenderThreads: 0,
    });
    expect(loadWorkerEnv("booking", { ...DEV, STRIPE_SECRET_KEY: "not-a-key" }).stripe).toBeNull();
    expect(loadWorkerEnv("booking", DEV).fulfilment).toBeNull();
    expect(loadWorkerEnv("invoice", DEV).fulfilment).toMatchObject({ FILE_STORAGE_DIR: expect.any(String) });
  });

  it("reads the role's own ports and the analytics gRPC port", () => {
    const env = loadWorkerEnv("notification", {
      ...DEV,
      NOTIFICATION_GRPC_PORT: "6001",
      NOTIFICATION_HTTP_PORT: "6002",
      ANALYTICS_GRPC_PORT: "6003",
      BOOKING_GRPC_PORT: "7001",
      WORKER_HOST: "::1",
    });
    expect(env).toMatchObject({ grpcPort: 6001, httpPort: 6002, analyticsAddress: "[::1]:6003" });
  });

  it("dials the other roles at *_GRPC_ADDRESS where set (roles on separate hosts), else at WORKER_HOST", () => {
    const env = loadWorkerEnv("payment", {
      ...DEV,
      WORKER_HOST: "0.0.0.0",
      INVOICE_GRPC_ADDRESS: "marquee-worker-invoice:50053",
      NOTIFICATION_GRPC_ADDRESS: "[fd00::5]:50054",
    });
    expect(env).toMatchObject({
      host: "0.0.0.0",
      invoiceAddress: "marquee-worker-invoice:50053",
      notificationAddress: "[fd00::5]:50054",
      analyticsAddress: "0.0.0.0:50055",
    });
    expect(configErrorOf(() => loadWorkerEnv("payment", { ...DEV, INVOICE_GRPC_ADDRESS: "http://invoice:50053" })).message).toContain("INVOICE_GRPC_ADDRESS");
  });

  it("gives the PDF-rendering roles one render thread per core given unless PDF_RENDER_THREADS says (0: inline)", () => {
    expect(loadWorkerEnv("invoice", DEV).pdfRenderThreads).toBe(availableParallelism());
    expect(loadWorkerEnv("notification", { ...DEV, PDF_RENDER_THREADS: "0" }).pdfRenderThreads).toBe(0);
    expect(loadWorkerEnv("invoice", { ...DEV, PDF_RENDER_THREADS: "3" }).pdfRenderThreads).toBe(3);
    expect(loadWorkerEnv("payment", { ...DEV, PDF_RENDER_THREADS: "3" }).pdfRenderThreads).toBe(0);
    expect(configErrorOf(() => loadWorkerEnv("invoice", { ...DEV, PDF_RENDER_THREADS: "-1" })).message).toContain("PDF_RENDER_THREADS");
  });

  it("ignores another role's variables, even broken ones", () => {
    expect(loadWorkerEnv("booking", { ...DEV, PAYMENT_GRPC_PORT: "not-a-port" }).grpcPort).toBe(50051);
  });

  it("treats an empty value as unset", () => {
    expect(loadWorkerEnv("booking", { ...DEV, BOOKING_HTTP_PORT: "" }).httpPort).toBe(9101);
  });

  it.each([
    [{ REDIS_URL: "not-a-url" }, "REDIS_URL"],
    [{ REDIS_URL: "http://127.0.0.1:6379" }, "REDIS_URL"],
    [{ BOOKING_GRPC_PORT: "70000" }, "BOOKING_GRPC_PORT"],
    [{ BOOKING_HTTP_PORT: "0" }, "BOOKING_HTTP_PORT"],
    [{ ANALYTICS_GRPC_PORT: "fifty" }, "ANALYTICS_GRPC_PORT"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ REDIS_PREFIX: "has:colon" }, "REDIS_PREFIX"],
  ])("fails on %o with one line naming %s", (source, variable) => {
    const error = configErrorOf(() => loadWorkerEnv("booking", { ...DEV, ...source }));
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} \\S`));
    expect(error.message).not.toContain("\n");
  });
});

describe("loadWorkerEnv without NODE_ENV (production for the secrets rule)", () => {
  /** What a deployment states; each case leaves one out. */
  const deployment = {
    SOKETI_APP_SECRET: "deployment-soketi-secret",
    STRIPE_API_URL: "http://127.0.0.1:12111",
    STRIPE_WEBHOOK_SECRET: "whsec_deployment",
    TICKET_KEY_SECRET: "deployment-ticket-key-secret",
  };

  it("starts when every secret is set", () => {
    expect(loadWorkerEnv("payment", deployment).soketi.secret).toBe("deployment-soketi-secret");
  });

  it.each([
    ["booking", "SOKETI_APP_SECRET"],
    ["payment", "STRIPE_WEBHOOK_SECRET"],
    ["invoice", "TICKET_KEY_SECRET"],
  ] as const)("%s stops on a missing %s in one line naming it", (role, name) => {
    const error = configErrorOf(() => loadWorkerEnv(role, { ...deployment, [name]: undefined }));
    expect(error.message).toBe(`Invalid configuration: ${name} is required but not set (no default unless NODE_ENV is development or test)`);
  });
});

describe("parseRole", () => {
  it("accepts the five roles and rejects anything else in one line", () => {
    expect(parseRole("analytics")).toBe("analytics");
    expect(configErrorOf(() => parseRole(undefined)).message).toBe(
      'Unknown worker role "": expected one of booking, payment, invoice, notification, analytics or all',
    );
  });
});
