import { ORDER_CHANNELS, ORDER_STATUSES, type TListOrdersInput } from "@marquee/api/services/orders/order-schemas";
import { z } from "zod";

/** The orders list's filters as they stand in the URL (?query=&eventId=&status=&channel=&from=&to=). */
export interface TOrderSearch {
  query?: string;
  eventId?: string;
  status?: TListOrdersInput["status"];
  channel?: TListOrdersInput["channel"];
  /** YYYY-MM-DD, days in UTC; `to` is included. */
  from?: string;
  to?: string;
}

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ZSearch = z.object({
  query: z.string().trim().min(1).max(200).optional().catch(undefined),
  eventId: z.uuid().optional().catch(undefined),
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  channel: z.enum(ORDER_CHANNELS).optional().catch(undefined),
  from: ZDay.optional().catch(undefined),
  to: ZDay.optional().catch(undefined),
});

/** The URL's filters; a malformed one is dropped rather than failing the page. */
export function parseOrderSearch(params: Record<string, string | string[] | undefined>): TOrderSearch {
  const first = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value || undefined]));
  return ZSearch.parse(first);
}

const DAY_MS = 24 * 3_600_000;

/** The order.list input for the filters (the first page; the browser pages on with its cursor). */
export function orderListInput(organizationId: string, search: TOrderSearch) {
  return {
    organizationId,
    limit: 25,
    query: search.query,
    eventId: search.eventId,
    status: search.status,
    channel: search.channel,
    from: search.from ? new Date(`${search.from}T00:00:00.000Z`) : undefined,
    // order.list's `to` is exclusive: the day after the last day shown.
    to: search.to ? new Date(Date.parse(`${search.to}T00:00:00.000Z`) + DAY_MS) : undefined,
  } satisfies Omit<TListOrdersInput, "cursor"> & { organizationId: string };
}
