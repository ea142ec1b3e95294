"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { formatCount, formatDateTime, formatPrice } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { ORDER_STATUS_LABEL } from "~/lib/labels.ts";

type OrderRow = AdminRouterOutputs["order"]["list"]["orders"][number];
type OrderStatus = OrderRow["status"];

/** The search box (name, e-mail, order reference, ticket code), a status filter and the orders, 25 at a time. */
export function OrdersBrowser({ organizationId, organizationName }: { organizationId: string; organizationName: string }) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState("");
  const [filters, setFilters] = useState<{ query?: string; status?: OrderStatus }>({});
  const orders = useInfiniteQuery(
    trpc.order.list.infiniteQueryOptions({ organizationId, limit: 25, ...filters }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilters((current) => ({ ...current, query: draft.trim() || undefined }));
  };

  return (
    <section aria-labelledby="orders-heading" className="stack">
      <h2 id="orders-heading" className="visually-hidden">
        All orders
      </h2>
      <form role="search" onSubmit={search} className="orders-search">
        <div className="field">
          <label htmlFor="order-query">Search orders</label>
          <input
            id="order-query"
            type="search"
            maxLength={200}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="Name, e-mail, order or ticket code"
          />
        </div>
        <div className="field">
          <label htmlFor="order-status">Status</label>
          <select
            id="order-status"
            value={filters.status ?? ""}
            onChange={(e) => setFilters((current) => ({ ...current, status: (e.target.value || undefined) as OrderStatus | undefined }))}
          >
            <option value="">Any status</option>
            {Object.entries(ORDER_STATUS_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary">
          Search
        </button>
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
