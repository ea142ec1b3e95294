import { Prisma, type Db } from "@marquee/db";
import type { TDashboardBucket, TDashboardRange, TSalesFigures } from "./dashboard-schemas.ts";

/** Which sales minutes: one event's or a whole organisation's. */
export type TSalesScope = { eventId: string } | { organizationId: string };

export interface TRangeWindow {
  from: Date;
  to: Date;
  bucketSeconds: number;
}

const HOUR = 3_600;
const DAY = 24 * HOUR;
/** At most this many points per chart: the "all" range picks the first step that fits. */
const MAX_BUCKETS = 120;
const ALL_STEPS = [HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY];

const utc = (ms: number) => Prisma.sql`(to_timestamp(${ms}::bigint / 1000.0) AT TIME ZONE 'UTC')`;
const where = (scope: TSalesScope) =>
  "eventId" in scope ? Prisma.sql`s."eventId" = ${scope.eventId}::uuid` : Prisma.sql`s."organizationId" = ${scope.organizationId}::uuid`;

/** The window a range covers, ending now: today (from midnight in the viewer's zone, hourly), 7 days (6-hourly), 30 days (daily), all (from the first sale). */
export async function rangeWindow(db: Db, scope: TSalesScope, range: TDashboardRange, timeZone: string, now: Date): Promise<TRangeWindow> {
  const to = now;
  if (range === "today") {
    const [row] = await db.$queryRaw<{ ms: number }[]>`
      SELECT (extract(epoch FROM (date_trunc('day', to_timestamp(${now.getTime()}::bigint / 1000.0) AT TIME ZONE ${timeZone}) AT TIME ZONE ${timeZone})) * 1000)::float8 AS ms`;
    return { from: new Date(row!.ms), to, bucketSeconds: HOUR };
  }
  if (range === "7d") return { from: new Date(now.getTime() - 7 * DAY * 1000), to, bucketSeconds: 6 * HOUR };
  if (range === "30d") return { from: new Date(now.getTime() - 30 * DAY * 1000), to, bucketSeconds: DAY };
  const [first] = await db.$queryRaw<{ ms: number | null }[]>`
    SELECT (extract(epoch FROM min(s."minute")) * 1000)::float8 AS ms FROM "SalesMinute" s WHERE ${where(scope)}`;
  const span = now.getTime() - (first?.ms ?? now.getTime() - HOUR * 1000);
  const bucketSeconds = ALL_STEPS.find((step) => span / (step * 1000) <= MAX_BUCKETS) ?? ALL_STEPS.at(-1)!;
  // Whole buckets back from now, so the first sale is inside the first one.
  const from = new Date(now.getTime() - Math.max(1, Math.ceil(span / (bucketSeconds * 1000))) * bucketSeconds * 1000);
  return { from, to, bucketSeconds };
}

const ZERO: TSalesFigures = { ticketsSold: 0, revenueMinor: 0, ticketsRefunded: 0, refundedMinor: 0, ordersPaid: 0 };

const SUMS = Prisma.sql`
  COALESCE(SUM(s."ticketsSold"), 0)::int AS "ticketsSold", COALESCE(SUM(s."revenueMinor"), 0)::float8 AS "revenueMinor",
  COALESCE(SUM(s."ticketsRefunded"), 0)::int AS "ticketsRefunded", COALESCE(SUM(s."refundedMinor"), 0)::float8 AS "refundedMinor",
  COALESCE(SUM(s."ordersPaid"), 0)::int AS "ordersPaid"`;

const figures = (row: TSalesFigures): TSalesFigures => ({
  ticketsSold: Number(row.ticketsSold),
  revenueMinor: Number(row.revenueMinor),
  ticketsRefunded: Number(row.ticketsRefunded),
  refundedMinor: Number(row.refundedMinor),
  ordersPaid: Number(row.ordersPaid),
});

/** Sales per bucket of the window, every bucket present (zeros where nothing sold). */
export async function salesSeries(db: Db, scope: TSalesScope, window: TRangeWindow): Promise<TDashboardBucket[]> {
  const from = window.from.getTime();
  const rows = await db.$queryRaw<(TSalesFigures & { bucket: number })[]>`
    SELECT floor(extract(epoch FROM (s."minute" - ${utc(from)})) / ${window.bucketSeconds})::int AS bucket, ${SUMS}
    FROM "SalesMinute" s
    WHERE ${where(scope)} AND s."minute" >= ${utc(from)} AND s."minute" <= ${utc(window.to.getTime())}
    GROUP BY 1`;
  const byBucket = new Map(rows.map((row) => [Number(row.bucket), figures(row)]));
  const count = Math.max(1, Math.ceil((window.to.getTime() - from) / (window.bucketSeconds * 1000)));
  return Array.from({ length: count }, (_, index) => ({
    start: new Date(from + index * window.bucketSeconds * 1000),
    ...(byBucket.get(index) ?? ZERO),
  }));
}

/** Sales in the window grouped by one column: ticket type, channel or event. */
export async function salesBy<TKey extends "ticketTypeId" | "channel" | "eventId">(
  db: Db,
  scope: TSalesScope,
  window: TRangeWindow,
  key: TKey,
): Promise<(TSalesFigures & Record<TKey, string>)[]> {
  const rows = await db.$queryRaw<(TSalesFigures & { key: string })[]>`
    SELECT s.${Prisma.raw(`"${key}"`)}::text AS key, ${SUMS}
    FROM "SalesMinute" s
    WHERE ${where(scope)} AND s."minute" >= ${utc(window.from.getTime())} AND s."minute" <= ${utc(window.to.getTime())}
    GROUP BY 1 ORDER BY 1`;
  return rows.map((row) => ({ ...figures(row), [key]: row.key }) as TSalesFigures & Record<TKey, string>);
}

export const totalOf = (rows: readonly TSalesFigures[]): TSalesFigures =>
  rows.reduce(
    (sum, row) => ({
      ticketsSold: sum.ticketsSold + row.ticketsSold,
      revenueMinor: sum.revenueMinor + row.revenueMinor,
      ticketsRefunded: sum.ticketsRefunded + row.ticketsRefunded,
      refundedMinor: sum.refundedMinor + row.refundedMinor,
      ordersPaid: sum.ordersPaid + row.ordersPaid,
    }),
    ZERO,
  );

export { ZERO as NO_SALES };
