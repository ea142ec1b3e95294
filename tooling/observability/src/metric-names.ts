import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { apiMetrics } from "@marquee/api/observability/metrics";
import { registerWaitingRoomMetrics } from "@marquee/api/observability/waiting-room-metrics";
import { createMetrics } from "@marquee/workers/src/runtime/metrics.ts";
import { Registry } from "prom-client";

/** Series Prometheus itself writes for every target and alert. */
export const PROMETHEUS_SERIES = [
  "up",
  "scrape_duration_seconds",
  "scrape_samples_scraped",
  "scrape_samples_post_metric_relabeling",
  "scrape_series_added",
  "ALERTS",
  "ALERTS_FOR_STATE",
];

/** prom-client's metric objects (their `type` is "counter", "gauge", "histogram" or "summary" at run time, whatever its typings say). */
interface TMetricLike {
  name: string;
  type: unknown;
}

/** The series names a metric is queried by: a histogram's _bucket, _sum and _count, a summary's quantiles, _sum and _count. */
export function seriesNames(metric: TMetricLike): string[] {
  if (metric.type === "histogram") return [`${metric.name}_bucket`, `${metric.name}_sum`, `${metric.name}_count`];
  if (metric.type === "summary") return [metric.name, `${metric.name}_sum`, `${metric.name}_count`];
  return [metric.name];
}

const namesOf = (registry: { getMetricsAsArray(): TMetricLike[] }) => registry.getMetricsAsArray().flatMap(seriesNames);

/**
 * The API's registry as a server builds it: request metrics, Stripe, default process metrics and
 * the waiting-room gauges (registered, never collected here: no database is asked).
 */
export function apiMetricNames(): string[] {
  const { registry } = apiMetrics();
  const rooms = new Registry();
  registerWaitingRoomMetrics(rooms, () => {
    throw new Error("not collected when only names are read");
  });
  return [...namesOf(registry), ...namesOf(rooms)];
}

/** A worker role's registry (createMetrics): jobs, dead letters, gRPC, breakers, Stripe, default metrics. */
export const workerMetricNames = (): string[] => namesOf(createMetrics("names").registry);

/**
 * Soketi's exporter, read from its installed source: the names its Prometheus driver registers
 * (`${prefix}connected`, ...) and the default metrics of its own prom-client under that prefix.
 */
export function soketiMetricNames(): string[] {
  const require = createRequire(import.meta.url);
  const soketiDir = dirname(require.resolve("@soketi/soketi"));
  const driver = readFileSync(join(soketiDir, "metrics", "prometheus-metrics-driver.js"), "utf8");
  const prefix = /prometheus:\s*{\s*prefix:\s*'(\w+)'/.exec(readFileSync(join(soketiDir, "server.js"), "utf8"))?.[1];
  if (!prefix) throw new Error("Soketi's default metrics prefix was not found in its server.js");
  const types = [...driver.matchAll(/new prom\.(\w+)\(\{\s*name:\s*`\$\{prefix\}(\w+)`/g)].map(([, type, name]) => ({
    name: `${prefix}${name!}`,
    type: type!.toLowerCase(),
  }));
  if (types.length === 0) throw new Error("Soketi's metric names were not found in its Prometheus driver");
  const soketiPromClient = createRequire(join(soketiDir, "index.js"))("prom-client") as {
    Registry: new () => { getMetricsAsArray(): TMetricLike[] };
    collectDefaultMetrics(options: { register: unknown; prefix: string }): void;
  };
  const defaults = new soketiPromClient.Registry();
  soketiPromClient.collectDefaultMetrics({ register: defaults, prefix });
  return [...types.flatMap(seriesNames), ...namesOf(defaults)];
}

/** Every metric name the dashboard and the alert rules may use. */
export function knownMetricNames(): Set<string> {
  return new Set([...PROMETHEUS_SERIES, ...apiMetricNames(), ...workerMetricNames(), ...soketiMetricNames()]);
}
