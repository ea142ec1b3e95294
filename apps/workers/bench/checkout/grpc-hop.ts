// Part 3: one gRPC hop between workers vs a bare @grpc/grpc-js server and client. Servers run as
// children on the server CPU, the clients here on the load CPU. Four rows split the cost:
//   A bare client  -> bare server        (the baseline)
//   B our client   -> bare server        (the client layer's cost: deadline, retries, breaker, metadata, metrics)
//   C bare client  -> analytics role     (the server side's cost: instrumented handler, zod, Redis Lua)
//   D our client   -> analytics role     (a Record call to the real analytics worker)
//   E our client   -> our echo server    (one hop of our stack, client and server, without the role's own work: the goal's figure)
import { credentials } from "@grpc/grpc-js";
import { AnalyticsServiceClient, type RecordReply, type RecordRequest } from "@marquee/proto/v1/analytics";
import { runPool } from "../../../../packages/api/bench/lib/http-json.ts";
import { SERVER_CPU } from "../../../../packages/api/bench/lib/load.ts";
import { createAnalyticsClient } from "../../src/runtime/analytics-client.ts";
import { createMetrics } from "../../src/runtime/metrics.ts";
import { latency, median, medianLatency, type TLatency } from "./figures.ts";
import { freePorts, ipcCaller, startChild, tsxCommand, waitForHealthy, WORKERS_DIR } from "./processes.ts";

export interface TGrpcHopOptions {
  env: Record<string, string | undefined>;
  redisPrefix: string;
  /** Calls one after the other (1 in flight) per row and round: latency. */
  sequential: number;
  /** Calls with `inFlight` outstanding per row and round: calls/s. */
  concurrent: number;
  inFlight: number;
  rounds: number;
}

type TRecord = (request: RecordRequest) => Promise<unknown>;

export interface TGrpcRow {
  name: string;
  sequential: TLatency;
  callsPerSecond: number;
  loaded: TLatency;
  rounds: number[];
  /** Sequential p99 of each round. */
  roundsP99: number[];
}

function bareClient(address: string) {
  const client = new AnalyticsServiceClient(address, credentials.createInsecure());
  const record: TRecord = (request) =>
    new Promise<RecordReply>((resolve, reject) => client.record(request, (error, reply) => (error ? reject(error) : resolve(reply))));
  return { record, close: () => client.close() };
}

function ourClient(address: string) {
  // As run-role builds it: real metrics, the default deadline, retries and breaker.
  const analytics = createAnalyticsClient(address, { metrics: createMetrics("bench") });
  const record: TRecord = (request) => analytics.record(request, request.correlationId);
  return { record, close: () => analytics.close() };
}

let sequence = 0;
/** A Record the analytics role applies (a new idempotency key every call). */
const nextRequest = (): RecordRequest => ({ name: "bench.grpc", count: 1, correlationId: `bench-${++sequence}` });

async function measure(record: TRecord, options: Pick<TGrpcHopOptions, "sequential" | "concurrent" | "inFlight">) {
  const sequentialMs: number[] = [];
  for (let i = 0; i < options.sequential; i++) {
    const started = performance.now();
    await record(nextRequest());
    sequentialMs.push(performance.now() - started);
  }
  const loadedMs: number[] = [];
  const started = performance.now();
  await runPool(
    Array.from({ length: options.concurrent }, (_, i) => i),
    options.inFlight,
    async () => {
      const callStarted = performance.now();
      await record(nextRequest());
      loadedMs.push(performance.now() - callStarted);
    },
  );
  return { sequential: latency(sequentialMs), callsPerSecond: options.concurrent / ((performance.now() - started) / 1000), loaded: latency(loadedMs) };
}

export async function benchGrpcHop(options: TGrpcHopOptions) {
  const [grpcPort, httpPort] = await freePorts(2);
  const analyticsEnv = {
    ...options.env,
    REDIS_PREFIX: options.redisPrefix,
    WORKER_HOST: "127.0.0.1",
    ANALYTICS_GRPC_PORT: String(grpcPort),
    ANALYTICS_HTTP_PORT: String(httpPort),
    LOG_LEVEL: "info",
  };
  const role = startChild("analytics", tsxCommand("src/main.ts", "analytics"), { cwd: WORKERS_DIR, env: analyticsEnv, cpu: SERVER_CPU });
  const echo = startChild("echo", tsxCommand("bench/checkout/grpc-echo-child.ts", "bare"), { cwd: WORKERS_DIR, env: options.env, cpu: SERVER_CPU, ipc: true });
  const ourEcho = startChild("our-echo", tsxCommand("bench/checkout/grpc-echo-child.ts", "ours"), {
    cwd: WORKERS_DIR,
    env: options.env,
    cpu: SERVER_CPU,
    ipc: true,
  });
  const clients: { close(): void }[] = [];
  try {
    const echoPort = await ipcCaller(echo)<number>({ op: "port" });
    const ourEchoPort = await ipcCaller(ourEcho)<number>({ op: "port" });
    await waitForHealthy(`http://127.0.0.1:${httpPort}/healthz`, role);
    const bareAddress = `127.0.0.1:${echoPort}`;
    const roleAddress = `127.0.0.1:${grpcPort}`;
    const rows = [
      { name: "A bare client -> bare server", client: bareClient(bareAddress) },
      { name: "B our client  -> bare server", client: ourClient(bareAddress) },
      { name: "C bare client -> analytics role", client: bareClient(roleAddress) },
      { name: "D our client  -> analytics role", client: ourClient(roleAddress) },
      { name: "E our client  -> our echo server", client: ourClient(`127.0.0.1:${ourEchoPort}`) },
    ];
    clients.push(...rows.map((row) => row.client));

    // Warm-up of each row (channels connected, JIT), then A B C D per round.
    const warm = { sequential: Math.min(500, options.sequential), concurrent: Math.min(2_000, options.concurrent), inFlight: options.inFlight };
    for (const row of rows) await measure(row.client.record, warm);
    const results = rows.map(() => [] as Awaited<ReturnType<typeof measure>>[]);
    for (let round = 0; round < options.rounds; round++) {
      for (const [index, row] of rows.entries()) results[index]!.push(await measure(row.client.record, options));
    }
    const table: TGrpcRow[] = rows.map((row, index) => ({
      name: row.name,
      sequential: medianLatency(results[index]!.map((r) => r.sequential)),
      callsPerSecond: median(results[index]!.map((r) => r.callsPerSecond)),
      loaded: medianLatency(results[index]!.map((r) => r.loaded)),
      rounds: results[index]!.map((r) => r.callsPerSecond),
      roundsP99: results[index]!.map((r) => r.sequential.p99),
    }));
    return table;
  } finally {
    for (const client of clients) client.close();
    await Promise.all([role.stop(), echo.stop(), ourEcho.stop()]);
  }
}
