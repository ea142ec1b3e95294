import { type CallOptions, type ClientUnaryCall, credentials, Metadata, type ServiceError, status as Status } from "@grpc/grpc-js";
import {
  AnalyticsServiceClient,
  AnalyticsServiceService,
  type GetCountersReply,
  type GetCountersRequest,
  type RecordReply,
  type RecordRequest,
} from "@marquee/proto/v1/analytics";
import { randomUUID } from "node:crypto";
import { CORRELATION_ID_METADATA, statusName } from "./grpc-server";
import { currentCorrelationId } from "./logger";
import { type TMetrics } from "./metrics";

export const ANALYTICS_DEADLINE_MS = 2_000;

type TUnaryMethod<TRequest, TReply> = (
  request: TRequest,
  metadata: Metadata,
  options: Partial<CallOptions>,
  callback: (error: ServiceError | null, reply: TReply) => void,
) => ClientUnaryCall;

/**
 * A promise-based client for the analytics worker's AnalyticsService. Every call has a deadline
 * and carries the current correlation id in `x-correlation-id` metadata.
 */
export function createAnalyticsClient(address: string, options: { metrics?: TMetrics; deadlineMs?: number } = {}) {
  const client = new AnalyticsServiceClient(address, credentials.createInsecure());
  const deadlineMs = options.deadlineMs ?? ANALYTICS_DEADLINE_MS;

  function call<TRequest, TReply>(path: string, method: TUnaryMethod<TRequest, TReply>, request: TRequest, correlationId?: string) {
    const metadata = new Metadata();
    metadata.set(CORRELATION_ID_METADATA, correlationId ?? currentCorrelationId() ?? randomUUID());
    return new Promise<TReply>((resolve, reject) => {
      method.call(client, request, metadata, { deadline: Date.now() + deadlineMs }, (error, reply) => {
        options.metrics?.grpcCalls.inc({ side: "client", method: path, code: statusName(error ? error.code : Status.OK) });
        if (error) reject(error);
        else resolve(reply);
      });
    });
  }

  return {
    /** Adds `count` to counter `name`, once per `request.correlationId`. */
    record: (request: RecordRequest, correlationId?: string): Promise<RecordReply> =>
      call(AnalyticsServiceService.record.path, client.record as TUnaryMethod<RecordRequest, RecordReply>, request, correlationId),
    /** Current values of `names` (every counter when empty). */
    getCounters: async (names: string[]): Promise<Record<string, number>> => {
      const method = client.getCounters as TUnaryMethod<GetCountersRequest, GetCountersReply>;
      const reply = await call(AnalyticsServiceService.getCounters.path, method, { names });
      return reply.counters;
    },
    close: () => client.close(),
  };
}

export type TAnalyticsClient = ReturnType<typeof createAnalyticsClient>;
