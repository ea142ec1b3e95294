import { parser } from "@prometheus-io/lezer-promql";

/** Grafana's variables, replaced by values PromQL accepts before parsing (`[$__rate_interval]`, `"$event"`). */
const GRAFANA_VARIABLES: [RegExp, string][] = [
  [/\$__rate_interval|\$__interval|\$__range/g, "1m"],
  [/\$\{?\w+\}?/g, "x"],
];

export interface TParsedQuery {
  /** Metric names of the query's selectors (`rate(x_total[5m])` gives x_total). */
  metrics: string[];
  /** Where the query does not parse, as `offset: text`; empty when it is valid PromQL. */
  errors: string[];
}

/** Parses one PromQL query (a Grafana target's expr or a rule's expr) with Prometheus' own grammar. */
export function parsePromql(query: string): TParsedQuery {
  const source = GRAFANA_VARIABLES.reduce((text, [pattern, value]) => text.replace(pattern, value), query);
  const metrics = new Set<string>();
  const errors: string[] = [];
  parser.parse(source).iterate({
    enter(node) {
      if (node.type.isError) errors.push(`${node.from}: ${JSON.stringify(source.slice(Math.max(0, node.from - 20), node.to + 20))}`);
      if (node.name === "VectorSelector") {
        const name = node.node.getChild("Identifier");
        if (name) metrics.add(source.slice(name.from, name.to));
        else errors.push(`${node.from}: a selector without a metric name`);
      }
    },
  });
  return { metrics: [...metrics], errors };
}

/** `label_values(metric, label)` of a Grafana query variable: its metric. */
export function labelValuesMetric(definition: string): string | null {
  return /^label_values\(\s*([A-Za-z_:][\w:]*)\s*,/.exec(definition.trim())?.[1] ?? null;
}
