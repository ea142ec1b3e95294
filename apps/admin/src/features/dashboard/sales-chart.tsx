"use client";

import { formatCount, formatPrice } from "@marquee/ui/format";
import { useHydrated } from "@marquee/ui/use-hydrated";
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import styles from "./dashboard.module.css";

export interface TSalesPoint {
  start: Date;
  ticketsSold: number;
  revenueMinor: number;
}

const HOUR = 3_600;

/** A bucket's label in the viewer's zone: a time for hourly buckets, a date (and time) for longer ones. */
function bucketLabel(bucketSeconds: number): (date: Date) => string {
  const format =
    bucketSeconds < HOUR * 6
      ? new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit" })
      : bucketSeconds < HOUR * 24
        ? new Intl.DateTimeFormat("en", { day: "numeric", month: "short", hour: "2-digit" })
        : new Intl.DateTimeFormat("en", { day: "numeric", month: "short" });
  return (date) => format.format(date);
}

/**
 * Tickets sold over time (area) with revenue in the tooltip. The drawing is hidden from assistive
 * technology; the same figures are in a table for screen readers (rendered once hydrated, since
 * the labels use the browser's time zone).
 */
export function SalesChart({ points, bucketSeconds, currency }: { points: readonly TSalesPoint[]; bucketSeconds: number; currency: string }) {
  const hydrated = useHydrated();
  const label = bucketLabel(bucketSeconds);
  const data = points.map((point) => ({ label: label(point.start), sold: point.ticketsSold, revenue: point.revenueMinor }));
  const total = points.reduce((sum, point) => sum + point.ticketsSold, 0);
  return (
    <section className={`card ${styles.chart} ${styles.wide}`} aria-labelledby="sales-over-time">
      <h2 id="sales-over-time">Sales over time</h2>
      <p className="muted small">
        {formatCount(total)} tickets in {formatCount(points.length)} periods.
      </p>
      <div className={styles.plot} aria-hidden="true">
        {hydrated ? (
          <div className={styles.plotArea}>
            <ResponsiveContainer width="100%" height="100%">
              <AreaChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" minTickGap={24} tick={{ fontSize: 12 }} />
                <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
                <Tooltip formatter={(value, name) => (name === "revenue" ? formatPrice(Number(value), currency) : formatCount(Number(value)))} />
                <Area type="monotone" dataKey="sold" name="Tickets sold" stroke="#0f766e" fill="#99f6e4" isAnimationActive={false} />
              </AreaChart>
            </ResponsiveContainer>
          </div>
        ) : null}
      </div>
      {hydrated ? (
        // The wrapper, not the table, is hidden: a table grows to its content whatever its width,
        // and would stick out of a phone's screen.
        <div className="visually-hidden">
          <table>
            <caption>Tickets sold and revenue per period</caption>
            <thead>
              <tr>
                <th scope="col">Period from</th>
                <th scope="col">Tickets sold</th>
                <th scope="col">Revenue</th>
              </tr>
            </thead>
            <tbody>
              {data.map((row, index) => (
                <tr key={index}>
                  <th scope="row">{row.label}</th>
                  <td>{formatCount(row.sold)}</td>
                  <td>{formatPrice(row.revenue, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
