import { EventEmitter } from "node:events";
import { type ServerWritableStream, status as Status } from "@grpc/grpc-js";
import {
  type HealthCheckRequest,
  type HealthCheckResponse,
  HealthCheckResponse_ServingStatus as ServingStatus,
  type HealthServer,
} from "@marquee/proto/grpc/health/v1";

export { ServingStatus };

/**
 * gRPC's standard health service (grpc.health.v1.Health). "" is the whole server; each served
 * service is listed by its full name, e.g. "marquee.v1.BookingService".
 */
export function createHealthService(serviceNames: string[]) {
  const statuses = new Map<string, ServingStatus>([["", ServingStatus.NOT_SERVING]]);
  for (const name of serviceNames) statuses.set(name, ServingStatus.NOT_SERVING);
  const changes = new EventEmitter();
  const watchers = new Set<ServerWritableStream<HealthCheckRequest, HealthCheckResponse>>();

  const statusOf = (service: string): ServingStatus => statuses.get(service) ?? ServingStatus.SERVICE_UNKNOWN;

  const implementation: HealthServer = {
    check(call, callback) {
      const status = statuses.get(call.request.service);
      if (status === undefined) {
        callback({ code: Status.NOT_FOUND, details: `unknown service "${call.request.service}"` });
        return;
      }
      callback(null, { status });
    },
    watch(call) {
      const service = call.request.service;
      const send = () => call.write({ status: statusOf(service) });
      watchers.add(call);
      changes.on("change", send);
      call.on("cancelled", () => {
        changes.off("change", send);
        watchers.delete(call);
      });
      send();
    },
  };

  return {
    implementation,
    /** Sets every service (and the server as a whole) to `status`, telling watchers. */
    setAll(status: ServingStatus) {
      for (const name of statuses.keys()) statuses.set(name, status);
      changes.emit("change");
    },
    /** Ends open Watch streams so the server can shut down without waiting for them. */
    endWatches() {
      for (const call of watchers) call.end();
      watchers.clear();
      changes.removeAllListeners("change");
    },
  };
}

export type THealthService = ReturnType<typeof createHealthService>;
