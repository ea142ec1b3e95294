import { AsyncLocalStorage } from "node:async_hooks";
import { pino, type DestinationStream, type Logger } from "pino";
import { traceLogFields } from "@marquee/api/observability/tracing";

export type { Logger };

// The correlation id of the job or gRPC call being handled, added to every log line written
// while handling it and forwarded as `x-correlation-id` on outgoing gRPC calls.
const correlation = new AsyncLocalStorage<string>();

export const withCorrelationId = <T>(correlationId: string, fn: () => T): T => correlation.run(correlationId, fn);

export const currentCorrelationId = (): string | undefined => correlation.getStore();

/** JSON lines on stdout (or `destination`), one logger per process. */
export function createLogger(role: string, level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { role, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // The correlation id, and the trace and span ids inside a traced job or call (tracing on).
      mixin: () => {
        const correlationId = correlation.getStore();
        return { ...(correlationId ? { correlationId } : {}), ...traceLogFields() };
      },
    },
    destination ?? pino.destination({ sync: true }),
  );
}
