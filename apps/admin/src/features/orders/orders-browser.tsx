"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { formatCount, formatDateTime, formatPrice } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { QueryError } from "~/components/query-error.tsx";
import { ORDER_CHANNEL_LABEL, ORDER_STATUS_LABEL } from "~/lib/labels.ts";
import { orgPath } from "~/lib/org-path.ts";
import { orderListInput, type TOrderSearch } from "./orders-search.ts";

type OrderRow = AdminRouterOutputs["order"]["list"]["orders"][number];

/**
 * The filters (search box: name, e-mail, order reference, ticket code; event, status, channel,
 * dates) as a plain GET form, so a filtered view lives in the URL and can be shared or reloaded;
 * then the orders, 25 at a time.
 */
export function OrdersBrowser({ organizationId, organizationName, search }: { organizationId: string; organizationName: string; search: TOrderSearch }) {
  const trpc = useTRPC();
  const events = useQuery(trpc.event.listForOrganization.queryOptions({ organizationId }));
  const orders = useInfiniteQuery(
    trpc.order.list.infiniteQueryOptions(orderListInput(organizationId, search), { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const path = orgPath(organizationId, "/orders");
  const filtered = Object.values(search).some(Boolean);
  const eventNames = Object.fromEntries((events.data ?? []).map((event) => [event.id, event.name]));

  return (
    <section aria-labelledby="orders-heading" className="stack">
      <h2 id="orders-heading" className="visually-hidden">
        All orders
      </h2>
      <form role="search" method="get" action={path} className="card orders-search" aria-label="Search and filter orders">
        <div className="field orders-query">
          <label htmlFor="order-query">Search orders</label>
          <input id="order-query" name="query" type="search" maxLength={200} defaultValue={search.query} placeholder="Name, e-mail, order or ticket code" />
        </div>
        <OptionSelect id="order-event" name="eventId" label="Event" anyLabel="All events" value={search.eventId} options={eventNames} />
        <OptionSelect id="order-status" name="status" label="Status" anyLabel="Any status" value={search.status} options={ORDER_STATUS_LABEL} />
        <OptionSelect id="order-channel" name="channel" label="Channel" anyLabel="Any channel" value={search.channel} options={ORDER_CHANNEL_LABEL} />
        <div className="field">
          <label htmlFor="order-from">Ordered from (UTC)</label>
          <input id="order-from" name="from" type="date" defaultValue={search.from} />
        </div>
        <div className="field">
          <label htmlFor="order-to">Ordered until (UTC)</label>
          <input id="order-to" name="to" type="date" defaultValue={search.to} />
        </div>
        <div className="actions-row">
          <button type="submit" className="button button-primary">
            Search
          </button>
          {filtered ? (
            <Link className="button" href={path}>
              Clear filters
            </Link>
          ) : null}
        </div>
      </form>
      {orders.isPending ? (
        <p className="muted">Loading orders…</p>
      ) : orders.isError ? (
        <QueryError error={orders.error} onRetry={() => void orders.refetch()} />
      ) : orders.data.pages[0]?.orders.length === 0 ? (
        <p className="card muted">No orders match.</p>
      ) : (
        <>
          <div className="table-wrap card">
            <table>
              <caption className="visually-hidden">Orders of {organizationName}</caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Buyer</th>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="numeric">
                    Tickets
                  </th>
                  <th scope="col" className="numeric">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {orders.data.pages
                  .flatMap((page) => page.orders)
                  .map((order) => (
                    <OrderRowView key={order.id} order={order} organizationId={organizationId} />
                  ))}
              </tbody>
            </table>
          </div>
          {orders.hasNextPage ? (
            <button type="button" className="button" disabled={orders.isFetchingNextPage} onClick={() => void orders.fetchNextPage()}>
              {orders.isFetchingNextPage ? "Loading…" : "More orders"}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

/** A filter's select: "any" first, then the options by value and label. */
function OptionSelect(props: { id: string; name: string; label: string; anyLabel: string; value: string | undefined; options: Record<string, string> }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} defaultValue={props.value ?? ""}>
        <option value="">{props.anyLabel}</option>
        {Object.entries(props.options).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

function OrderRowView({ order, organizationId }: { order: OrderRow; organizationId: string }) {
  return (
    <tr>
      <th scope="row">
        <Link href={`/orgs/${organizationId}/orders/${order.id}`}>{order.reference}</Link>
        <span className="muted small">
          <time dateTime={order.createdAt.toISOString()}>{formatDateTime(order.createdAt)}</time>
        </span>
      </th>
      <td>
        <span className="event-name">{order.buyerName}</span>
        <span className="muted small break-all">{order.buyerEmail}</span>
      </td>
      <td>{order.eventName}</td>
      <td>
        <span className="badge">{ORDER_STATUS_LABEL[order.status]}</span>
      </td>
      <td className="numeric">{formatCount(order.ticketCount)}</td>
      <td className="numeric">{formatPrice(order.totalMinor, order.currency)}</td>
    </tr>
  );
}
