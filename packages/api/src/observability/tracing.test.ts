import { trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addLogContextFields, createLogger } from "./logger.ts";
import { extractTraceContext, injectTraceContext, inSpan, SpanKind, traceLogFields } from "./tracing.ts";

describe("tracing helpers without an SDK", () => {
  it("write no trace context and no log fields", async () => {
    await inSpan("noop", {}, async () => {
      expect(injectTraceContext()).toBeUndefined();
      expect(traceLogFields()).toEqual({});
    });
  });
});

describe("tracing helpers with an SDK", () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => provider.register());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
  });

  it("carry a span's context through a carrier to a child in another process's terms", async () => {
    const carrier = await inSpan("send", { kind: SpanKind.PRODUCER }, async () => injectTraceContext());
    expect(carrier?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    // As the worker sees it: a plain object from job data or metadata.
    await inSpan("process", { kind: SpanKind.CONSUMER, parent: extractTraceContext(JSON.parse(JSON.stringify(carrier))) }, async () => {});
    const [send, process] = exporter.getFinishedSpans();
    expect(process!.spanContext().traceId).toBe(send!.spanContext().traceId);
    expect(process!.parentSpanContext?.spanId).toBe(send!.spanContext().spanId);
    expect(extractTraceContext({ traceparent: 42 })).toBe(extractTraceContext(undefined));
  });

  it("mark a span failed when its function throws", async () => {
    exporter.reset();
    await expect(inSpan("boom", {}, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(exporter.getFinishedSpans()[0]!.status).toMatchObject({ code: 2, message: "boom" });
  });

  it("put the span's trace and span ids on the log lines written inside it", async () => {
    const lines: Record<string, unknown>[] = [];
    addLogContextFields(traceLogFields);
    const logger = createLogger({ role: "api", destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
    const ids = await inSpan("request", {}, async (span) => {
      logger.info("inside");
      return span.spanContext();
    });
    logger.info("outside");
    expect(lines[0]).toMatchObject({ msg: "inside", traceId: ids.traceId, spanId: ids.spanId });
    expect(lines[1]).not.toHaveProperty("traceId");
  });
});
