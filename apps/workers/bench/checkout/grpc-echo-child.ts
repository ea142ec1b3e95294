// Part 3's echo servers (pinned to the server CPU): the generated AnalyticsService with a trivial
// implementation (no Redis), so the bare and our clients send exactly the messages they send to
// the real analytics role. `bare`: a plain @grpc/grpc-js Server (the baseline). `ours`: the same
// handlers on the workers' server (runtime/grpc-server.ts: correlation id, metrics, error mapping),
// i.e. one hop of our stack without the analytics role's own work.
//
//   node --import tsx bench/checkout/grpc-echo-child.ts bare|ours
import { Server, ServerCredentials, type UntypedServiceImplementation } from "@grpc/grpc-js";
import { type AnalyticsServiceServer, AnalyticsServiceService } from "@marquee/proto/v1/analytics";
import { createGrpcServer } from "../../src/runtime/grpc-server.ts";
import { createLogger } from "../../src/runtime/logger.ts";
import { createMetrics } from "../../src/runtime/metrics.ts";
import { serveIpc } from "./processes.ts";

let value = 0;
const implementation: AnalyticsServiceServer = {
  record: (_call, callback) => callback(null, { applied: true, value: ++value }),
  getCounters: (_call, callback) => callback(null, { counters: {} }),
  getQueueStats: (_call, callback) => callback(null, { stats: undefined }),
};
const ours = process.argv[2] === "ours";
const server = new Server();
const instrumented = ours ? createGrpcServer(createLogger("bench", "info"), createMetrics("bench")) : null;
if (instrumented) instrumented.addService(AnalyticsServiceService, implementation as unknown as UntypedServiceImplementation);
else server.addService(AnalyticsServiceService, implementation);
const port = instrumented
  ? instrumented.bind("127.0.0.1:0", "BENCH_GRPC_PORT")
  : new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );

serveIpc(async (command) => {
  if (command.op === "port") return port;
  throw new Error(`unknown command ${String(command.op)}`);
});
process.on("SIGTERM", () => {
  server.forceShutdown();
  instrumented?.server.forceShutdown();
  process.exit(0);
});
