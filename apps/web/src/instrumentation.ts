// Runs once when the server starts (not during `next build`): bad configuration stops it here.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertServerConfiguration, getServerClients } = await import("@marquee/api/http/server-clients");
    assertServerConfiguration();
    // Prometheus /metrics on METRICS_HOST:METRICS_PORT (unset: none), with the shop's waiting-room
    // gauges. A port that cannot be used costs the metrics, not the site.
    const { startApiMetricsServer } = await import("@marquee/api/observability/metrics-server");
    await startApiMetricsServer({ waitingRooms: getServerClients }).catch((error: unknown) =>
      console.warn(`web: no metrics server: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}
