"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { QueryError } from "~/components/query-error.tsx";
import { BreakdownChart, ChannelBreakdown } from "./breakdown-chart.tsx";
import { KpiTiles } from "./kpi-tiles.tsx";
import { type TPublicRealtimeConfig, useDashboardLive } from "./live-updates.tsx";
import { RangePicker } from "./range-picker.tsx";
import { SalesChart } from "./sales-chart.tsx";
import { DASHBOARD_REFRESH_MS } from "./dashboard-range.ts";
import { useDashboardRange } from "./use-dashboard-range.ts";
import styles from "./dashboard.module.css";

/** One event's live dashboard. */
export function EventDashboard({ organizationId, eventId, realtime }: { organizationId: string; eventId: string; realtime: TPublicRealtimeConfig }) {
  const trpc = useTRPC();
  const { range, setRange, input } = useDashboardRange();
  const live = useDashboardLive(realtime, organizationId);
  const dashboard = useQuery({
    ...trpc.dashboard.event.queryOptions({ organizationId, eventId, ...input }),
    placeholderData: keepPreviousData,
    refetchInterval: DASHBOARD_REFRESH_MS,
  });

  if (dashboard.isPending) return <p className="muted">Loading the dashboard…</p>;
  if (dashboard.isError) return <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const data = dashboard.data;
  return (
    <>
      <p>
        <Link href={`/orgs/${organizationId}/dashboard`}>← All events</Link>
      </p>
      <h1>{data.event.name}</h1>
      <RangePicker range={range} onChange={setRange} live={live} />
      <KpiTiles kpis={data.kpis} currency={data.currency} />
      <div className={styles.charts}>
        <SalesChart points={data.series} bucketSeconds={data.bucketSeconds} currency={data.currency} />
        <BreakdownChart
          id="by-ticket-type"
          title="By ticket type"
          currency={data.currency}
          rows={data.byTicketType.map((type) => ({ key: type.ticketTypeId, label: type.name, ticketsSold: type.ticketsSold, revenueMinor: type.revenueMinor }))}
        />
        <ChannelBreakdown byChannel={data.byChannel} currency={data.currency} />
      </div>
    </>
  );
}
