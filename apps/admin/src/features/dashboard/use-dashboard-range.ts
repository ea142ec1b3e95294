"use client";

import type { TDashboardRange } from "@marquee/api/services/dashboard/dashboard-schemas";
import { useState } from "react";

/** The range the page prefetches on the server (in UTC: only "today" depends on the viewer's zone). */
export const DEFAULT_RANGE: TDashboardRange = "7d";

/** Figures are refetched at least this often (holds and queues change without a sale), and at once on a live message. */
export const DASHBOARD_REFRESH_MS = 30_000;

/** The chosen range and the input it means: "today" starts at midnight in the browser's zone. */
export function useDashboardRange() {
  const [range, setRange] = useState<TDashboardRange>(DEFAULT_RANGE);
  const timeZone = range === "today" ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";
  return { range, setRange, input: { range, timeZone } };
}
