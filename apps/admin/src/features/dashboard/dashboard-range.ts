import type { TDashboardRange } from "@marquee/api/services/dashboard/dashboard-schemas";

// Shared by the server pages (prefetch) and the client views: a plain module, not "use client"
// (a server component importing a value from a client module gets a reference, not the value).

/** The range the page prefetches on the server (in UTC: only "today" depends on the viewer's zone). */
export const DEFAULT_RANGE: TDashboardRange = "7d";

/** Figures are refetched at least this often (holds and queues change without a sale), and at once on a live message. */
export const DASHBOARD_REFRESH_MS = 30_000;
