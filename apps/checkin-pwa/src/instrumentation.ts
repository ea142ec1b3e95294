// Runs once when the server starts (not during `next build`): bad configuration stops it here.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertServerConfiguration } = await import("@marquee/api/http/server-clients");
    assertServerConfiguration();
    // Prometheus /metrics on METRICS_HOST:METRICS_PORT (unset: none). A port that cannot be used
    // costs the metrics, not the app.
    const { startApiMetricsServer } = await import("@marquee/api/observability/metrics-server");
    await startApiMetricsServer().catch((error: unknown) =>
      console.warn(`checkin: no metrics server: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}
