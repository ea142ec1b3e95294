"use client";

import type { TDashboardRange } from "@marquee/api/services/dashboard/dashboard-schemas";
import { useState } from "react";
import { DEFAULT_RANGE } from "./dashboard-range.ts";

/** The chosen range and the input it means: "today" starts at midnight in the browser's zone. */
export function useDashboardRange() {
  const [range, setRange] = useState<TDashboardRange>(DEFAULT_RANGE);
  const timeZone = range === "today" ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";
  return { range, setRange, input: { range, timeZone } };
}
