import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** deploy/observability: the dashboard, the scrape config, the alert rules and their tests. */
export const OBSERVABILITY_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "deploy", "observability");
export const PROMETHEUS_DIR = join(OBSERVABILITY_DIR, "prometheus");
export const DASHBOARD_FILE = join(OBSERVABILITY_DIR, "grafana", "marquee-onsale.json");
export const ALERTS_FILE = join(PROMETHEUS_DIR, "alerts.yml");
export const ALERT_TESTS_FILE = join(PROMETHEUS_DIR, "alerts.test.yml");
export const PROMETHEUS_CONFIG_FILE = join(PROMETHEUS_DIR, "prometheus.yml");
/** docs/runbook.md: what to do when each alert fires, one heading per alert. */
export const RUNBOOK_FILE = join(OBSERVABILITY_DIR, "..", "..", "docs", "runbook.md");

/** The anchors of the runbook's headings as GitHub makes them (lower case, spaces to dashes, punctuation dropped). */
export const runbookAnchors = (): Set<string> =>
  new Set(
    readFileSync(RUNBOOK_FILE, "utf8")
      .split("\n")
      .filter((line) => /^#{1,6} /.test(line))
      .map((line) =>
        line
          .replace(/^#+ /, "")
          .trim()
          .toLowerCase()
          .replace(/[^a-z0-9 _-]/g, "")
          .replace(/ /g, "-"),
      ),
  );

/** A query of the dashboard or a rule's expression, with where it comes from. */
export interface TQuery {
  where: string;
  query: string;
}

interface TPanel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: TPanel[];
}

interface TDashboard {
  panels: TPanel[];
  templating?: { list: { name: string; type: string; definition?: string }[] };
}

export const readDashboard = (): TDashboard => JSON.parse(readFileSync(DASHBOARD_FILE, "utf8")) as TDashboard;

/** Every panel's target expressions (rows' nested panels included). */
export function dashboardQueries(dashboard: TDashboard = readDashboard()): TQuery[] {
  const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
  return panels.flatMap((panel) => (panel.targets ?? []).flatMap((target) => (target.expr ? [{ where: `panel "${panel.title}"`, query: target.expr }] : [])));
}

export interface TAlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export const readAlertRules = (): TAlertRule[] =>
  (parse(readFileSync(ALERTS_FILE, "utf8")) as { groups: { rules: TAlertRule[] }[] }).groups.flatMap((group) => group.rules);

/** Alert names evaluated with at least one expected alert (firing) and with none (quiet). */
export function alertTestCoverage(): { firing: Set<string>; quiet: Set<string> } {
  const tests = (parse(readFileSync(ALERT_TESTS_FILE, "utf8")) as { tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[] }).tests;
  const checks = tests.flatMap((test) => test.alert_rule_test ?? []);
  return {
    firing: new Set(checks.filter((check) => check.exp_alerts.length > 0).map((check) => check.alertname)),
    quiet: new Set(checks.filter((check) => check.exp_alerts.length === 0).map((check) => check.alertname)),
  };
}
