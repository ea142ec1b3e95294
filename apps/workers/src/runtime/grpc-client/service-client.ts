import { type ChannelOptions, type Client, credentials } from "@grpc/grpc-js";
import { type TBackoff } from "./backoff.ts";
import { callUnary, DEFAULT_RETRIES, type TCallOptions, type TClientMetrics, type TUnaryMethod } from "./call-unary.ts";
import { createCircuitBreaker, type TBreakerOptions } from "./circuit-breaker.ts";
import { type TMetrics } from "../metrics.ts";

// Internal links are short: reconnect after a dropped connection within 100 ms-2 s, not grpc-js's 1-120 s.
const DEFAULT_CHANNEL_OPTIONS: ChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 2_000,
};

export interface TServiceClientOptions {
  /** Label of the breaker and metrics; default: the generated client's service name. */
  target?: string;
  metrics?: TClientMetrics & Pick<TMetrics, "grpcBreakerState">;
  /** Default per-attempt deadline (ms). */
  deadlineMs: number;
  retries?: number;
  backoff?: Partial<TBackoff>;
  breaker?: Partial<TBreakerOptions>;
  channelOptions?: ChannelOptions;
}

type TClientConstructor<TClient extends Client> = {
  new (address: string, creds: ReturnType<typeof credentials.createInsecure>, options?: ChannelOptions): TClient;
  serviceName?: string;
};

/**
 * A generated grpc-js client for one target service, with that target's circuit breaker and
 * call defaults: `call(Service.method, request, { idempotencyKey })`.
 */
export function createServiceClient<TClient extends Client>(ClientConstructor: TClientConstructor<TClient>, address: string, options: TServiceClientOptions) {
  const client = new ClientConstructor(address, credentials.createInsecure(), { ...DEFAULT_CHANNEL_OPTIONS, ...options.channelOptions });
  const target = options.target ?? ClientConstructor.serviceName ?? address;
  const breaker = createCircuitBreaker(target, options.breaker, options.metrics);

  return {
    client,
    breaker,
    target,
    call<TRequest, TReply>(method: TUnaryMethod<TRequest, TReply>, request: TRequest, callOptions: Partial<TCallOptions> = {}) {
      return callUnary(client, method, request, {
        deadlineMs: options.deadlineMs,
        retries: options.retries ?? DEFAULT_RETRIES,
        backoff: options.backoff,
        metrics: options.metrics,
        breaker,
        target,
        ...callOptions,
      });
    },
    close() {
      breaker.shutdown();
      client.close();
    },
  };
}

export type TServiceClient = ReturnType<typeof createServiceClient>;
