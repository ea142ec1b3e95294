import {
  type Attributes,
  type Context,
  context,
  isSpanContextValid,
  type Link,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";

// The light half of tracing, imported by the product code: only @opentelemetry/api, whose tracer
// and propagator are no-ops until start-tracing.ts registers the SDK. With tracing off every helper
// here costs a function call and writes nothing (no trace context in job data or metadata).

export { SpanKind };

/** W3C trace context as it travels in job data, outbox rows, gRPC metadata and Redis. */
export interface TTraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

const tracer = () => trace.getTracer("marquee");

/** The current span's ids for a log line (`traceId`, `spanId`), or nothing outside a recorded span. */
export function traceLogFields(): { traceId?: string; spanId?: string } {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}

/** The current trace context (inside `parent` when given) as a carrier, or undefined when not tracing. */
export function injectTraceContext(parent: Context = context.active()): TTraceCarrier | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(parent, carrier);
  return carrier.traceparent ? { traceparent: carrier.traceparent, ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}) } : undefined;
}

/** The context a carrier names (job data, metadata), or the root context for anything else. */
export function extractTraceContext(carrier: unknown): Context {
  if (!carrier || typeof carrier !== "object") return ROOT_CONTEXT;
  const { traceparent, tracestate } = carrier as Record<string, unknown>;
  if (typeof traceparent !== "string") return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent, ...(typeof tracestate === "string" ? { tracestate } : {}) });
}

export interface TSpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Parent context; default: the active one. */
  parent?: Context;
  links?: Link[];
}

/**
 * Runs `fn` inside a new active span that ends when `fn` settles; a throw marks it as an error.
 * `fn` may set attributes or the status on the span it gets.
 */
export function inSpan<T>(name: string, options: TSpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const { parent = context.active(), ...spanOptions } = options;
  return tracer().startActiveSpan(name, spanOptions, parent, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Marks `span` failed without a throw (a tRPC result that is not ok, a gRPC status). */
export function setSpanError(span: Span, message: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

/** A link to the active span (e.g. the webhook request a purchase's trace continues from), or none. */
export function activeSpanLinks(): Link[] {
  const span = trace.getActiveSpan();
  return span?.isRecording() ? [{ context: span.spanContext() }] : [];
}

/** Whether the active span is recorded (tracing on and sampled): gates extra work such as Redis writes. */
export const isTracing = (): boolean => trace.getActiveSpan()?.isRecording() === true;
