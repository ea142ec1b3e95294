"use client";

import { formatCount, formatDateTime, formatPrice } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { QueryError } from "~/components/query-error.tsx";
import { STATUS_LABEL } from "~/lib/labels.ts";
import { ChannelBreakdown } from "./breakdown-chart.tsx";
import { KpiTiles } from "./kpi-tiles.tsx";
import { type TPublicRealtimeConfig, useDashboardLive } from "./live-updates.tsx";
import { RangePicker } from "./range-picker.tsx";
import { SalesChart } from "./sales-chart.tsx";
import { DASHBOARD_REFRESH_MS } from "./dashboard-range.ts";
import { useDashboardRange } from "./use-dashboard-range.ts";
import styles from "./dashboard.module.css";

/** The organisation's live overview and its events, each linking to that event's dashboard. */
export function OrganizationDashboard({ organizationId, realtime }: { organizationId: string; realtime: TPublicRealtimeConfig }) {
  const trpc = useTRPC();
  const { range, setRange, input } = useDashboardRange();
  const live = useDashboardLive(realtime, organizationId);
  const dashboard = useQuery({
    ...trpc.dashboard.organization.queryOptions({ organizationId, ...input }),
    placeholderData: keepPreviousData,
    refetchInterval: DASHBOARD_REFRESH_MS,
  });

  if (dashboard.isPending) return <p className="muted">Loading the dashboard…</p>;
  if (dashboard.isError) return <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const data = dashboard.data;
  return (
    <>
      <RangePicker range={range} onChange={setRange} live={live} />
      <KpiTiles kpis={data.kpis} currency={data.currency} />
      <div className={styles.charts}>
        <SalesChart points={data.series} bucketSeconds={data.bucketSeconds} currency={data.currency} />
        <ChannelBreakdown byChannel={data.byChannel} currency={data.currency} />
      </div>
      <section aria-labelledby="events-heading">
        <h2 id="events-heading">Events</h2>
        {data.byEvent.length === 0 ? (
          <p className="card muted">No events yet.</p>
        ) : (
          <div className="table-wrap card">
            <table>
              <caption className="visually-hidden">Events with their sales in the period</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="numeric">
                    Sold
                  </th>
                  <th scope="col" className="numeric">
                    Revenue
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.byEvent.map((event) => (
                  <tr key={event.eventId}>
                    <th scope="row">
                      <Link href={`/orgs/${organizationId}/dashboard/${event.eventId}`}>{event.name}</Link>
                      <span className="muted small">
                        {" "}
                        · <time dateTime={event.startsAt.toISOString()}>{formatDateTime(event.startsAt)}</time>
                      </span>
                    </th>
                    <td>
                      <span className={`badge status-${event.status.toLowerCase()}`}>
                        {STATUS_LABEL[event.status as keyof typeof STATUS_LABEL] ?? event.status}
                      </span>
                    </td>
                    <td className="numeric">{formatCount(event.ticketsSold)}</td>
                    <td className="numeric">{formatPrice(event.revenueMinor - event.refundedMinor, data.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
