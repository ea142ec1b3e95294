import type { AdminRouterOutputs } from "@marquee/api";
import { formatCount, formatPrice } from "@marquee/ui/format";
import styles from "./dashboard.module.css";

type TKpis = AdminRouterOutputs["dashboard"]["event"]["kpis"];

const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });

/** The headline figures: sales in the range, the live gauges now. */
export function KpiTiles({ kpis, currency }: { kpis: TKpis; currency: string }) {
  const tiles: [label: string, value: string, testId: string][] = [
    ["Tickets sold", formatCount(kpis.ticketsSold), "kpi-sold"],
    ["Revenue (net of refunds)", formatPrice(kpis.netRevenueMinor, currency), "kpi-revenue"],
    ["Remaining", kpis.remaining === null ? "—" : formatCount(kpis.remaining), "kpi-remaining"],
    ["Holds in flight", formatCount(kpis.holdsInFlight), "kpi-holds"],
    ["In the queue", `${formatCount(kpis.queueLength)} · ${formatCount(kpis.admissionsPerMinute)}/min`, "kpi-queue"],
    ["Conversion (holds → orders)", kpis.conversion === null ? "—" : percent.format(kpis.conversion), "kpi-conversion"],
    ["Check-ins", formatCount(kpis.checkIns), "kpi-checkins"],
  ];
  return (
    <dl className={styles.tiles}>
      {tiles.map(([label, value, testId]) => (
        <div key={testId} className={`card ${styles.tile}`} data-testid={testId}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
