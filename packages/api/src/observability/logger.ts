import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { pino, type DestinationStream, type Logger } from "pino";
import { readLogEnv } from "../env.ts";

export type { Logger };

/** Fields a log line takes from the async context it is written in (the request id; later a trace id). */
export type TLogContextFields = () => Record<string, unknown>;

interface TRequestContext {
  requestId: string;
}

interface TLogState {
  requests: AsyncLocalStorage<TRequestContext>;
  contextFields: TLogContextFields[];
  logger?: Logger;
}

// On globalThis: Next bundles its own copy of this module into the route handlers, and the apps'
// edge server (tsx) runs another; both must share the request context and the logger.
const shared = globalThis as { marqueeLogState?: TLogState };
const state: TLogState = (shared.marqueeLogState ??= {
  requests: new AsyncLocalStorage<TRequestContext>(),
  contextFields: [
    () => {
      const requestId = shared.marqueeLogState?.requests.getStore()?.requestId;
      return requestId ? { requestId } : {};
    },
  ],
});

/**
 * Adds fields to every line written in the current async context, e.g. OpenTelemetry's trace id:
 * `addLogContextFields(() => ({ traceId: trace.getActiveSpan()?.spanContext().traceId }))`.
 */
export function addLogContextFields(fields: TLogContextFields): void {
  state.contextFields.push(fields);
}

/**
 * JSON lines on stdout (or `destination`): level (pino's number: 30 info, 40 warn, 50 error), time
 * (ISO 8601), role, pid, msg, plus the context fields (requestId during a request).
 */
export function createLogger(options: { role: string; level?: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { role: options.role, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => Object.assign({}, ...state.contextFields.map((fields) => fields())),
    },
    options.destination ?? pino.destination({ sync: true }),
  );
}

/** Sets the process's logger (entry points: role "api" for the standalone server, the app's name under the apps' `npm start`). */
export function configureLogger(options: { role: string; level?: string; destination?: DestinationStream }): Logger {
  state.logger = createLogger({ level: readLogEnv().LOG_LEVEL, ...options });
  return state.logger;
}

/** The process's logger; role "api" at LOG_LEVEL when no entry point configured one (`next dev`, tests). */
export function getLogger(): Logger {
  return (state.logger ??= createLogger({ role: "api", level: readLogEnv().LOG_LEVEL }));
}

// A client's or proxy's X-Request-ID is kept when it is a short plain token (UUIDs, nginx's
// $request_id, Heroku's and Envoy's ids), so its lines can be joined with the proxy's.
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** The request's id: the X-Request-ID it came with when sane, else a new UUID. */
export const requestIdFrom = (header: string | null | undefined): string => (header && SANE_REQUEST_ID.test(header) ? header : randomUUID());

/** Runs `fn` (the whole handling of one request) so that every line it logs carries `requestId`. */
export const withRequestId = <T>(requestId: string, fn: () => T): T => state.requests.run({ requestId }, fn);

export const currentRequestId = (): string | undefined => state.requests.getStore()?.requestId;
