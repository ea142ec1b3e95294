// deploy/observability checked as CI checks it: promtool validates the rules and the scrape config
// and runs the rules' unit tests; every metric the dashboard and the rules query must exist in the
// registries the processes really serve (or in Soketi's exporter, or be Prometheus' own).
import { ConfigError } from "@marquee/config/env";
import { createLog } from "@marquee/dev/log";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ALERT_TESTS_FILE,
  ALERTS_FILE,
  alertTestCoverage,
  dashboardQueries,
  PROMETHEUS_CONFIG_FILE,
  PROMETHEUS_DIR,
  readAlertRules,
  readDashboard,
  runbookAnchors,
} from "./files.ts";
import { knownMetricNames } from "./metric-names.ts";
import { labelValuesMetric, parsePromql } from "./promql.ts";
import { ensurePromtool, promtool } from "./promtool.ts";

beforeAll(async () => {
  try {
    await ensurePromtool({ log: createLog("observability") });
  } catch (error) {
    // One line saying how to get it, not a stack.
    throw error instanceof ConfigError ? new Error(error.message) : error;
  }
});

describe("Prometheus rules and config (promtool)", () => {
  it.each([
    ["check rules", ["check", "rules", ALERTS_FILE]],
    ["check config", ["check", "config", PROMETHEUS_CONFIG_FILE]],
    ["test rules", ["test", "rules", ALERT_TESTS_FILE]],
  ])("promtool %s passes", async (_name, args) => {
    const result = await promtool(args, PROMETHEUS_DIR);
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0, output: expect.stringContaining("SUCCESS") });
  });
});

describe("alert rules", () => {
  const rules = readAlertRules();
  const alerts = rules.filter((rule) => rule.alert);

  it("each say what happened, why it matters and where the runbook is", () => {
    expect(alerts.length).toBeGreaterThan(0);
    for (const rule of alerts) {
      expect({ alert: rule.alert, severity: rule.labels?.severity }).toEqual({ alert: rule.alert, severity: expect.stringMatching(/^(critical|warning)$/) });
      expect({ alert: rule.alert, annotations: Object.keys(rule.annotations ?? {}).sort() }).toEqual({
        alert: rule.alert,
        annotations: ["description", "runbook", "summary"],
      });
      // One heading per alert in docs/runbook.md, named as the alert (GitHub's anchor: lower case).
      expect(rule.annotations?.runbook).toBe(`docs/runbook.md#${rule.alert!.toLowerCase()}`);
    }
    const anchors = runbookAnchors();
    expect(alerts.map((rule) => rule.alert!).filter((name) => !anchors.has(name.toLowerCase()))).toEqual([]);
  });

  it("each have a unit test where they fire and one where they stay quiet", () => {
    const { firing, quiet } = alertTestCoverage();
    const names = alerts.map((rule) => rule.alert!);
    expect(names.filter((name) => !firing.has(name))).toEqual([]);
    expect(names.filter((name) => !quiet.has(name))).toEqual([]);
  });
});

describe("metric names of the dashboard and the alert rules", () => {
  const known = knownMetricNames();
  const queries = [
    ...dashboardQueries().map(({ where, query }) => ({ where, query })),
    ...readAlertRules().map((rule) => ({ where: `rule ${rule.alert ?? rule.record}`, query: rule.expr })),
  ];

  it("are read from the real registries", () => {
    for (const name of ["marquee_api_requests_total", "marquee_worker_jobs_total", "marquee_worker_job_wait_seconds_bucket", "soketi_connected", "up"]) {
      expect(known).toContain(name);
    }
  });

  it("parse as PromQL", () => {
    expect(queries.length).toBeGreaterThan(20);
    expect(queries.flatMap(({ where, query }) => parsePromql(query).errors.map((error) => `${where}: ${error}`))).toEqual([]);
  });

  it("all exist", () => {
    const variables = (readDashboard().templating?.list ?? []).flatMap((variable) => (variable.definition ? [labelValuesMetric(variable.definition)] : []));
    expect(variables).not.toContain(null);
    const used = [
      ...queries.flatMap(({ where, query }) => parsePromql(query).metrics.map((metric) => ({ where, metric }))),
      ...variables.map((metric) => ({ where: "variable", metric: metric! })),
    ];
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter(({ metric }) => !known.has(metric))).toEqual([]);
  });
});
