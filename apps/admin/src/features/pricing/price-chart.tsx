"use client";

import { formatCount, formatPrice } from "@marquee/ui/format";
import { useHydrated } from "@marquee/ui/use-hydrated";
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import styles from "../dashboard/dashboard.module.css";

export interface TPriceSeries {
  from: Date;
  to: Date;
  currency: string;
  prices: readonly { at: Date; priceMinor: number; reason: string; version: number }[];
  sales: readonly { minute: Date; sold: number }[];
}

const ZOOM_MS = 10 * 60_000;
const timeLabel = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

/** One row per moment that matters (a sales minute, a price change, the ends), each with the price in force then. */
export function chartRows(series: TPriceSeries) {
  const moments = new Map<number, number>();
  for (const sale of series.sales) moments.set(sale.minute.getTime(), (moments.get(sale.minute.getTime()) ?? 0) + sale.sold);
  for (const price of series.prices) if (!moments.has(price.at.getTime())) moments.set(price.at.getTime(), 0);
  if (series.prices.length > 0 && !moments.has(series.to.getTime())) moments.set(series.to.getTime(), 0);
  const prices = [...series.prices].sort((a, b) => a.at.getTime() - b.at.getTime());
  return [...moments.entries()]
    .sort(([a], [b]) => a - b)
    .map(([time, sold]) => {
      const inForce = prices.filter((price) => price.at.getTime() <= time).at(-1);
      return { time, sold, price: inForce ? inForce.priceMinor / 100 : null };
    });
}

/**
 * The price as a step line over the sales per minute (bars), on a time axis. The drawing is
 * hidden from assistive technology; the price changes are listed in a table instead.
 */
export function PriceChart({ series, title, testId }: { series: TPriceSeries; title: string; testId: string }) {
  const hydrated = useHydrated();
  const rows = chartRows(series);
  // Zoomed to the activity: from ten minutes before the first sale or price (within the period) to its end.
  const first = rows[0]?.time;
  const start = first === undefined ? series.from.getTime() : Math.max(series.from.getTime(), Math.min(first, series.to.getTime() - ZOOM_MS) - ZOOM_MS);
  const headingId = `${testId}-title`;
  const sold = series.sales.reduce((sum, sale) => sum + sale.sold, 0);
  return (
    <section className={`card ${styles.chart}`} aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId}>{title}</h2>
      <p className="muted small">
        {formatCount(sold)} tickets sold · {formatCount(series.prices.length)} prices
      </p>
      <div className={styles.plot} aria-hidden="true">
        {hydrated ? (
          <div className={styles.plotArea}>
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 0, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis
                  dataKey="time"
                  type="number"
                  scale="time"
                  domain={[start, series.to.getTime()]}
                  allowDataOverflow
                  tickFormatter={(time: number) => timeLabel.format(new Date(time))}
                  minTickGap={32}
                  tick={{ fontSize: 12 }}
                />
                <YAxis yAxisId="sold" allowDecimals={false} tick={{ fontSize: 12 }} />
                <YAxis yAxisId="price" orientation="right" tick={{ fontSize: 12 }} width={48} domain={["auto", "auto"]} />
                <Tooltip
                  labelFormatter={(time) => timeLabel.format(new Date(Number(time)))}
                  formatter={(value, name) => (name === "Price" ? formatPrice(Math.round(Number(value) * 100), series.currency) : formatCount(Number(value)))}
                />
                <Bar yAxisId="sold" dataKey="sold" name="Tickets sold" fill="#99f6e4" barSize={6} isAnimationActive={false} />
                <Line
                  yAxisId="price"
                  dataKey="price"
                  name="Price"
                  type="stepAfter"
                  stroke="#0f766e"
                  strokeWidth={2}
                  dot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
        ) : null}
      </div>
      <table className="small" data-testid={`${testId}-prices`}>
        <caption className="visually-hidden">{title}: price changes</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">Price</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {series.prices.slice(-8).map((price) => (
            <tr key={`${price.version}-${price.at.getTime()}`}>
              <th scope="row">{hydrated ? timeLabel.format(price.at) : price.at.toISOString().slice(0, 16)}</th>
              <td>{formatPrice(price.priceMinor, series.currency)}</td>
              <td>{REASONS[price.reason] ?? price.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const REASONS: Record<string, string> = {
  START: "Started",
  VELOCITY: "Selling fast",
  SCARCITY: "Few left",
  QUIET: "Selling slowly",
  SETTINGS: "Floor or ceiling moved",
};
