"use client";

import { formatCount, formatPrice } from "@marquee/ui/format";
import { useHydrated } from "@marquee/ui/use-hydrated";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { ORDER_CHANNEL_LABEL } from "~/lib/labels.ts";
import styles from "./dashboard.module.css";

export interface TBreakdownRow {
  key: string;
  label: string;
  ticketsSold: number;
  revenueMinor: number;
}

/** Tickets sold per ticket type or channel as bars, and the same figures as a table for everyone. */
export function BreakdownChart({ id, title, rows, currency }: { id: string; title: string; rows: readonly TBreakdownRow[]; currency: string }) {
  const hydrated = useHydrated();
  return (
    <section className={`card ${styles.chart}`} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p className={`muted ${styles.empty}`}>No sales in this period.</p>
      ) : (
        <>
          <div className={styles.plot} aria-hidden="true">
            {hydrated ? (
              <div className={styles.plotArea}>
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={[...rows]} layout="vertical" accessibilityLayer={false} margin={{ top: 0, right: 8, bottom: 0, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                    <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
                    <YAxis type="category" dataKey="label" width={96} tick={{ fontSize: 12 }} />
                    <Bar dataKey="ticketsSold" name="Tickets sold" fill="#0f766e" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            ) : null}
          </div>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{title}: tickets sold and revenue</caption>
              <thead>
                <tr>
                  <th scope="col">{title.replace(/^By /, "").replace(/^./, (c) => c.toUpperCase())}</th>
                  <th scope="col" className="numeric">
                    Sold
                  </th>
                  <th scope="col" className="numeric">
                    Revenue
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    <td className="numeric">{formatCount(row.ticketsSold)}</td>
                    <td className="numeric">{formatPrice(row.revenueMinor, currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** Sales by channel (online, box office, API), labelled as everywhere in the console. */
export function ChannelBreakdown({
  byChannel,
  currency,
}: {
  byChannel: readonly { channel: string; ticketsSold: number; revenueMinor: number }[];
  currency: string;
}) {
  const label = (channel: string) => (ORDER_CHANNEL_LABEL as Record<string, string>)[channel] ?? channel;
  return (
    <BreakdownChart
      id="by-channel"
      title="By channel"
      currency={currency}
      rows={byChannel.map((row) => ({ key: row.channel, label: label(row.channel), ticketsSold: row.ticketsSold, revenueMinor: row.revenueMinor }))}
    />
  );
}
