// One purchase, one trace: the standalone API server and the five workers run as processes that
// export OTLP/HTTP to a receiver in this test (observability/start-tracing.ts). The purchase's
// trace starts at the checkout request (the hold is a request of its own, so a trace of its own);
// Stripe's webhook is a request of its own too, and the payment worker continues the checkout's
// trace from it (observability/purchase-trace.ts), linked to the webhook's trace.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createFactories } from "@marquee/db/testing";
import { createStripeSettings, type StripeSettings } from "@marquee/api/services/payments/stripe-client";
import { readStripeEnv } from "@marquee/api/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, freePorts, killAll, uniquePrefix } from "./testing/processes.ts";
import { closeStackClients, connectStackClients, startWorkerStack, type TStackClients, type TWorkerStack } from "./testing/worker-stack.ts";
import { startOtlpReceiver, type TOtlpReceiver, type TReceivedSpan } from "./testing/otlp-receiver.ts";

const API_DIR = fileURLToPath(new URL("../../../packages/api", import.meta.url));
const SPAN_KIND = { server: 2, client: 3, producer: 4, consumer: 5 } as const;

const prefix = uniquePrefix("tracing");
const webhookSecret = `whsec_tracing_${crypto.randomUUID().replaceAll("-", "")}`;
let receiver: TOtlpReceiver;
let stack: TWorkerStack;
let clients: TStackClients;
let stripe: StripeSettings;
let api: { child: ChildProcess; stdout: () => string; exited: Promise<unknown> };
let base: string;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  // Short batches, so spans reach the receiver within a poll or two.
  const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: "200" };
  clients = connectStackClients(prefix);
  stack = await startWorkerStack(prefix, otel, { webhook: { url: null, secret: webhookSecret } });
  stripe = createStripeSettings(readStripeEnv({ NODE_ENV: "test", STRIPE_API_URL: stack.stripeServer.url, STRIPE_WEBHOOK_SECRET: webhookSecret }), {
    maxNetworkRetries: 0,
  });
  const [port] = await freePorts(1);
  base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "src/http/standalone-main.ts"], {
    cwd: API_DIR,
    env: {
      ...process.env,
      ...stack.env,
      ...otel,
      NODE_ENV: "test",
      API_HOST: "127.0.0.1",
      API_PORT: String(port),
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      // debug: the API logs each request's start, inside the request's span.
      LOG_LEVEL: "debug",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  api = { child, stdout: () => stdout, exited: new Promise((resolve) => child.on("close", resolve)) };
  const healthy = await eventually(
    () =>
      fetch(`${base}/healthz`).then(
        (response) => response.status,
        () => 0,
      ),
    (status) => status === 200 || child.exitCode !== null,
    30_000,
  );
  if (healthy !== 200) throw new Error(`API server not healthy:\n${stderr}${stdout}`);
  stack.stripeServer.setWebhookEndpoint(`${base}/api/webhooks/stripe`, webhookSecret);
}, 90_000);

afterAll(async () => {
  api?.child.kill("SIGTERM");
  await api?.exited;
  killAll();
  await stack?.stop();
  await closeStackClients(clients, prefix);
  await receiver?.close();
});

async function rest(path: string, body: unknown, token?: string) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(token ? { "x-cart-token": token } : {}),
      ...(body === undefined ? {} : { "idempotency-key": crypto.randomUUID() }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const isGrpc = (span: TReceivedSpan, kind: number) => span.kind === kind && span.attributes["rpc.system"] === "grpc";
const dbSystem = (span: TReceivedSpan) => span.attributes["db.system.name"] ?? span.attributes["db.system"];

describe("tracing a purchase", () => {
  it("puts the checkout, its jobs, the workers' gRPC calls and the queries in one trace", async () => {
    const { event, ticketType } = await createFactories(clients.db).gaEvent({ capacity: 10 });
    const cart = await rest("/carts", {});
    const token = String(cart.body.token);
    const hold = await rest(`/events/${event.id}/holds`, { items: [{ ticketTypeId: ticketType.id, quantity: 1 }] }, token);
    expect(hold.status).toBe(201);
    const order = await rest(
      `/holds/${String(hold.body.id)}/checkout`,
      { buyer: { name: "Ada Lovelace", email: `tracing-${crypto.randomUUID()}@example.test` } },
      token,
    );
    expect(order.status).toBe(201);
    await stripe.client.paymentIntents.confirm(String(order.body.paymentIntentId), { payment_method: "pm_card_visa" });
    const paid = await eventually(
      () => rest(`/orders/${String(order.body.id)}`, undefined, token),
      (seen) => seen.body.status === "PAID" && (seen.body.documents as { invoices?: unknown[] } | null)?.invoices?.length === 1,
      30_000,
    );
    expect(paid.body.status).toBe("PAID");

    // The checkout request's server span in the API starts the purchase's trace.
    const checkoutRequest = (spans: TReceivedSpan[]) =>
      spans.find(
        (span) =>
          span.service === "api" &&
          span.kind === SPAN_KIND.server &&
          /\/holds\/[^/]+\/checkout$/.test(String(span.attributes["url.path"] ?? span.attributes["http.target"] ?? "")),
      );
    // Each process exports its own batches, so poll until the trace is whole: both gRPC server spans,
    // the payment worker's order.paid job (it ends after its gRPC calls), and no span whose parent
    // has not arrived yet.
    const complete = (seen: TReceivedSpan[]) => {
      const root = checkoutRequest(seen);
      if (root === undefined) return false;
      const trace = seen.filter((span) => span.traceId === root.traceId);
      const ids = new Set(trace.map((span) => span.spanId));
      return (
        ["worker-invoice", "worker-notification"].every((service) => trace.some((span) => span.service === service && isGrpc(span, SPAN_KIND.server))) &&
        trace.some((span) => span.service === "worker-payment" && span.kind === SPAN_KIND.consumer && span.attributes["marquee.job"] === "order.paid") &&
        trace.every((span) => span === root || ids.has(span.parentSpanId!))
      );
    };
    const spans = await eventually(async () => receiver.spans(), complete, 30_000);
    const root = checkoutRequest(spans);
    expect(root, "the API's server span of the checkout request").toBeDefined();
    expect(root!.parentSpanId).toBeUndefined();
    const trace = spans.filter((span) => span.traceId === root!.traceId);
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    const services = new Set(trace.map((span) => span.service));
    const names = trace.map((span) => `${span.service} ${span.name}`).filter((name) => !/ (pg|evalsha|get|set)/.test(name));
    expect([...services].sort(), `the trace's spans: ${names.join(", ")}`).toEqual(
      expect.arrayContaining(["api", "worker-payment", "worker-invoice", "worker-notification"]),
    );

    // The REST operation's procedure span, and its PostgreSQL (Prisma through pg) and Redis calls.
    const procedure = trace.find((span) => span.service === "api" && span.name === "order.checkout");
    expect(procedure?.attributes).toMatchObject({ "rpc.system": "trpc", "marquee.transport": "rest" });
    expect(trace.some((span) => span.service === "api" && dbSystem(span) === "postgresql")).toBe(true);
    expect(trace.some((span) => span.service === "api" && dbSystem(span) === "redis")).toBe(true);

    // The payment worker continues the trace from Stripe's webhooks (one request, so one trace, per
    // event), each span linked to its webhook's trace.
    const stripeEvents = trace.filter((span) => span.service === "worker-payment" && span.name.startsWith("stripe.event payment_intent."));
    expect(stripeEvents.length, "the payment worker's spans for the intent's events").toBeGreaterThan(0);
    const webhookTraces = new Set(
      spans
        .filter(
          (span) =>
            span.service === "api" &&
            span.kind === SPAN_KIND.server &&
            String(span.attributes["url.path"] ?? span.attributes["http.target"]) === "/api/webhooks/stripe",
        )
        .map((span) => span.traceId),
    );
    expect(webhookTraces.has(root!.traceId)).toBe(false);
    for (const stripeEvent of stripeEvents) {
      expect(stripeEvent.parentSpanId, "child of the checkout's procedure span").toBe(procedure!.spanId);
      expect(
        stripeEvent.links.some((link) => webhookTraces.has(link.traceId)),
        `${stripeEvent.name} linked to its webhook`,
      ).toBe(true);
    }

    // A BullMQ job processed by a worker, the child of the "send" span that enqueued it.
    const jobs = trace.filter((span) => span.kind === SPAN_KIND.consumer && span.attributes["messaging.system"] === "bullmq");
    expect(jobs.map((span) => `${span.service} ${String(span.attributes["marquee.job"])}`)).toEqual(
      expect.arrayContaining(["worker-payment payment.authorized", "worker-payment order.paid"]),
    );
    for (const job of jobs) expect(byId.get(job.parentSpanId!)?.kind, `parent of ${job.name}`).toBe(SPAN_KIND.producer);

    // gRPC from the payment worker to the invoice and notification workers: client span, then the server's child span.
    for (const service of ["worker-invoice", "worker-notification"]) {
      const server = trace.find((span) => span.service === service && isGrpc(span, SPAN_KIND.server));
      expect(server, `${service}'s gRPC server span`).toBeDefined();
      const client = byId.get(server!.parentSpanId!);
      expect(client?.service).toBe("worker-payment");
      expect(client && isGrpc(client, SPAN_KIND.client)).toBe(true);
    }

    // Every span of the trace hangs from the checkout request: no orphan parents.
    for (const span of trace) if (span !== root) expect(byId.has(span.parentSpanId!), `parent of ${span.service} ${span.name}`).toBe(true);

    // The API's log lines written inside the checkout request carry its trace id.
    const lines = api
      .stdout()
      .split("\n")
      .filter((line) => line.includes('"msg":"request"') && /\/checkout"/.test(line))
      .map((line) => JSON.parse(line) as { traceId?: string });
    expect(lines.map((line) => line.traceId)).toContain(root!.traceId);
  });
});
