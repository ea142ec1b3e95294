"use client";

import type { TDashboardRange } from "@marquee/api/services/dashboard/dashboard-schemas";
import styles from "./dashboard.module.css";
import type { TLiveState } from "./live-updates.tsx";

const RANGES: [TDashboardRange, string][] = [
  ["today", "Today"],
  ["7d", "7 days"],
  ["30d", "30 days"],
  ["all", "All time"],
];

const LIVE_LABEL: Record<TLiveState, string> = {
  connecting: "Connecting to live updates…",
  live: "● Live",
  offline: "Live updates unavailable: figures refresh every 30 s",
};

/** The period shown (radio buttons, so the keyboard and screen readers get a group) and whether updates are live. */
export function RangePicker({ range, onChange, live }: { range: TDashboardRange; onChange: (range: TDashboardRange) => void; live: TLiveState }) {
  return (
    <div className={styles.toolbar}>
      <fieldset className={styles.ranges}>
        <legend className="visually-hidden">Period</legend>
        {RANGES.map(([value, label]) => (
          <label key={value}>
            <input type="radio" name="dashboard-range" value={value} checked={range === value} onChange={() => onChange(value)} className="visually-hidden" />
            {label}
          </label>
        ))}
      </fieldset>
      <p className={`muted ${styles.live}`} role="status" data-live={live}>
        {LIVE_LABEL[live]}
      </p>
    </div>
  );
}
