import { describe, expect, it } from "vitest";
import { labelValuesMetric, parsePromql } from "./promql.ts";
import { seriesNames } from "./metric-names.ts";

describe("PromQL metric names", () => {
  it("are the selectors' names, not functions, labels or Grafana's variables", () => {
    const parsed = parsePromql(
      'histogram_quantile(0.95, sum by (queue, le) (rate(a_seconds_bucket{queue=~"$queue"}[$__rate_interval]))) / on (queue) group_left b_total > 0 and up',
    );
    expect(parsed).toEqual({ metrics: ["a_seconds_bucket", "b_total", "up"], errors: [] });
  });

  it("report a query that does not parse", () => {
    expect(parsePromql("sum(rate(x_total[5m])").errors).not.toEqual([]);
    expect(parsePromql("no_such_function(x_total)").errors).not.toEqual([]);
  });

  it("come from Grafana's label_values variables too", () => {
    expect(labelValuesMetric("label_values(marquee_waiting_room_queue_length, event_id)")).toBe("marquee_waiting_room_queue_length");
    expect(labelValuesMetric("query_result(up)")).toBeNull();
  });

  it("expand histograms and summaries to the series they are queried by", () => {
    expect(seriesNames({ name: "h", type: "histogram" })).toEqual(["h_bucket", "h_sum", "h_count"]);
    expect(seriesNames({ name: "c_total", type: "counter" })).toEqual(["c_total"]);
  });
});
