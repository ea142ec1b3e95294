import { AppError } from "../../errors.ts";
import type { TBookingDeps } from "../booking/types.ts";
import type {
  TDashboardKpis,
  TEventDashboardInput,
  TEventDashboardOutput,
  TOrganizationDashboardInput,
  TOrganizationDashboardOutput,
  TSalesFigures,
} from "./dashboard-schemas.ts";
import { holdsCreated, readLiveGauges, type TGaugeEvent } from "./live-gauges.ts";
import { NO_SALES, rangeWindow, salesBy, salesSeries, totalOf, type TRangeWindow } from "./sales-series.ts";

/** Organisation events read per overview: the newest 100 (the list and the gauges). */
const MAX_EVENTS = 100;

const EVENT_SELECT = {
  id: true,
  name: true,
  status: true,
  startsAt: true,
  currency: true,
  seatingMode: true,
  seatMapId: true,
  waitingRoomEnabled: true,
} as const;

async function kpisOf(deps: TBookingDeps, events: readonly TGaugeEvent[], window: TRangeWindow, total: TSalesFigures): Promise<TDashboardKpis> {
  const ids = events.map((event) => event.id);
  const [gauges, holds] = await Promise.all([readLiveGauges(deps, events, ids), holdsCreated(deps, ids, window.from, window.to)]);
  return {
    ticketsSold: total.ticketsSold,
    netRevenueMinor: total.revenueMinor - total.refundedMinor,
    ordersPaid: total.ordersPaid,
    holdsCreated: holds,
    conversion: holds > 0 ? Math.min(1, total.ordersPaid / holds) : null,
    ...gauges,
  };
}

/** One event's dashboard; another organisation's event (or none) is NOT_FOUND. */
export async function getEventDashboard(deps: TBookingDeps, input: TEventDashboardInput): Promise<TEventDashboardOutput> {
  const event = await deps.db.event.findFirst({ where: { id: input.eventId, organizationId: input.organizationId }, select: EVENT_SELECT });
  if (!event) throw new AppError("NOT_FOUND", "Event not found.");
  const scope = { eventId: event.id };
  const window = await rangeWindow(deps.db, scope, input.range, input.timeZone, deps.clock.now());
  const [series, byType, byChannel, types] = await Promise.all([
    salesSeries(deps.db, scope, window),
    salesBy(deps.db, scope, window, "ticketTypeId"),
    salesBy(deps.db, scope, window, "channel"),
    deps.db.ticketType.findMany({ where: { eventId: event.id }, select: { id: true, name: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }] }),
  ]);
  const sold = new Map(byType.map((row) => [row.ticketTypeId, row]));
  return {
    range: input.range,
    ...window,
    currency: event.currency,
    event: { id: event.id, name: event.name, status: event.status, startsAt: event.startsAt },
    kpis: await kpisOf(deps, [event], window, totalOf(byType)),
    series,
    byTicketType: types.map((type) => ({ ticketTypeId: type.id, name: type.name, ...NO_SALES, ...stripKey(sold.get(type.id)) })),
    byChannel: byChannel.map((row) => ({ ...row })),
  };
}

const stripKey = (row: (TSalesFigures & { ticketTypeId?: string }) | undefined): Partial<TSalesFigures> => {
  if (!row) return {};
  const { ticketTypeId: _ignored, ...rest } = row;
  return rest;
};

/** The organisation's overview: every event's sales together, and the list of events to open. */
export async function getOrganizationDashboard(deps: TBookingDeps, input: TOrganizationDashboardInput): Promise<TOrganizationDashboardOutput> {
  const scope = { organizationId: input.organizationId };
  const events = await deps.db.event.findMany({
    where: { organizationId: input.organizationId },
    select: EVENT_SELECT,
    orderBy: [{ startsAt: "desc" }, { id: "asc" }],
    take: MAX_EVENTS,
  });
  const window = await rangeWindow(deps.db, scope, input.range, input.timeZone, deps.clock.now());
  const [series, byEvent, byChannel] = await Promise.all([
    salesSeries(deps.db, scope, window),
    salesBy(deps.db, scope, window, "eventId"),
    salesBy(deps.db, scope, window, "channel"),
  ]);
  const sold = new Map(byEvent.map(({ eventId, ...row }) => [eventId, row]));
  return {
    range: input.range,
    ...window,
    currency: events[0]?.currency ?? "EUR",
    kpis: await kpisOf(deps, events, window, totalOf(byEvent)),
    series,
    byEvent: events.map((event) => ({
      eventId: event.id,
      name: event.name,
      status: event.status,
      startsAt: event.startsAt,
      ...NO_SALES,
      ...sold.get(event.id),
    })),
    byChannel,
  };
}
