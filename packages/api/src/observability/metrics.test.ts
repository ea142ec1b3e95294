import { ConfigError } from "@marquee/config/env";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { readMetricsEnv } from "../env.ts";
import { apiMetrics, observeRestRequest, transportOf } from "./metrics.ts";
import { startMetricsServer } from "./metrics-server.ts";
import { parsePrometheusText, sampleValue } from "./prometheus-text.ts";
import { stripeOperation, stripeOutcomeOfStatus } from "./stripe-metrics.ts";

describe("metrics labels", () => {
  it("name Stripe operations without ids or query strings", () => {
    expect(stripeOperation("post", "/v1/payment_intents/pi_3Nx8aBcD9/capture")).toBe("POST /v1/payment_intents/:id/capture");
    expect(stripeOperation("GET", "/v1/payment_intents?created%5Bgte%5D=1700000000&limit=100")).toBe("GET /v1/payment_intents");
    expect(stripeOperation("POST", "/v1/refunds")).toBe("POST /v1/refunds");
  });

  it("map Stripe's statuses to its error families", () => {
    expect([200, 400, 401, 402, 403, 404, 409, 429, 418, 500, 503].map(stripeOutcomeOfStatus)).toEqual([
      "ok",
      "invalid_request",
      "authentication",
      "card_error",
      "permission",
      "not_found",
      "conflict",
      "rate_limited",
      "client_error",
      "api_error",
      "api_error",
    ]);
  });

  it("tell the transport from the context's trpcSource", () => {
    expect([transportOf("rest"), transportOf("server"), transportOf("rsc"), transportOf("web"), transportOf(null)]).toEqual([
      "rest",
      "server",
      "server",
      "trpc",
      "trpc",
    ]);
  });

  it("take a REST refusal's outcome from its error code, and a bounded fallback for anything else", async () => {
    const startedAt = performance.now();
    observeRestRequest("test.op", { status: 409, body: JSON.stringify({ error: { code: "SOLD_OUT", message: "gone" } }) }, startedAt);
    observeRestRequest("test.op", { status: 502, body: "<html>bad gateway</html>" }, startedAt);
    observeRestRequest(null, { status: 201, body: "{}" }, startedAt);
    const text = await apiMetrics().registry.metrics();
    expect(sampleValue(text, "marquee_api_requests_total", { procedure: "test.op", transport: "rest", outcome: "SOLD_OUT", status: "409" })).toBe(1);
    expect(sampleValue(text, "marquee_api_requests_total", { procedure: "test.op", outcome: "ERROR", status: "502" })).toBe(1);
    expect(sampleValue(text, "marquee_api_requests_total", { procedure: "unmatched", outcome: "ok", status: "201" })).toBe(1);
  });
});

describe("metrics server", () => {
  it("is off unless METRICS_PORT is set, and refuses a malformed port in one line", () => {
    expect(readMetricsEnv({})).toEqual({ METRICS_HOST: "127.0.0.1", METRICS_PORT: undefined });
    expect(readMetricsEnv({ METRICS_PORT: "" }).METRICS_PORT).toBeUndefined();
    expect(readMetricsEnv({ METRICS_PORT: "9100", METRICS_HOST: "0.0.0.0" })).toEqual({ METRICS_HOST: "0.0.0.0", METRICS_PORT: 9100 });
    expect(() => readMetricsEnv({ METRICS_PORT: "metrics" })).toThrow(ConfigError);
    expect(() => readMetricsEnv({ METRICS_PORT: "70000" })).toThrow(/^Invalid configuration: METRICS_PORT/);
  });

  it("never shares the public port", async () => {
    await expect(startMetricsServer({ host: "127.0.0.1", port: 3010, publicPort: 3010, registry: new Registry() })).rejects.toThrow(
      "Invalid configuration: METRICS_PORT must differ from the public port (3010): metrics are not served publicly",
    );
  });

  it("parses the text format's labels, escapes included", () => {
    expect(parsePrometheusText('# HELP x y\nx_total{a="1",b="say \\"hi\\"\\n"} 3\nup 1\n')).toEqual([
      { name: "x_total", labels: { a: "1", b: 'say "hi"\n' }, value: 3 },
      { name: "up", labels: {}, value: 1 },
    ]);
  });
});
