"use client";

import type { RouterOutputs } from "@marquee/api";
import { useTRPC } from "@marquee/ui/trpc";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { OrderStatusBadge } from "~/components/account/order-badges.tsx";
import { useI18n } from "~/i18n/provider.tsx";

type TOrderSummary = RouterOutputs["account"]["orders"]["orders"][number];

export const ORDERS_PAGE_SIZE = 20;

/** account.orders' infinite query, the same on the server (prefetch) and in the browser. */
export const ordersQueryInput = { limit: ORDERS_PAGE_SIZE };
export const ordersNextPage = (page: RouterOutputs["account"]["orders"]) => page.nextCursor ?? undefined;

/** The buyer's orders, newest first, a page at a time. */
export function OrdersList() {
  const { m } = useI18n();
  const trpc = useTRPC();
  const orders = useInfiniteQuery(trpc.account.orders.infiniteQueryOptions(ordersQueryInput, { getNextPageParam: ordersNextPage }));

  if (orders.isPending)
    return (
      <p className="muted" role="status">
        {m.account.ordersLoading}
      </p>
    );
  if (orders.isError) {
    return (
      <div className="alert" role="alert">
        <p>{m.account.ordersError}</p>
        <button type="button" className="button" onClick={() => void orders.refetch()}>
          {m.common.tryAgain}
        </button>
      </div>
    );
  }
  const list = orders.data.pages.flatMap((page) => page.orders);
  if (list.length === 0) {
    return (
      <div className="account-empty">
        <p>{m.account.ordersEmpty}</p>
        <Link href="/" className="button">
          {m.account.browseEvents}
        </Link>
      </div>
    );
  }
  return (
    <>
      <ul className="account-orders" aria-label={m.account.ordersListLabel}>
        {list.map((order) => (
          <OrderRow key={order.id} order={order} />
        ))}
      </ul>
      {orders.hasNextPage ? (
        <button type="button" className="button account-more" onClick={() => void orders.fetchNextPage()} disabled={orders.isFetchingNextPage}>
          {orders.isFetchingNextPage ? m.account.loadingMore : m.account.showMoreOrders}
        </button>
      ) : null}
    </>
  );
}

function OrderRow({ order }: { order: TOrderSummary }) {
  const { m, format } = useI18n();
  const { refunds } = order;
  return (
    <li className="card account-order">
      <div className="account-order-top">
        <OrderStatusBadge status={order.status} />
        <span className="muted small">{m.account.orderReference(order.reference)}</span>
      </div>
      <h3 className="account-order-event">{order.event.name}</h3>
      <p className="small">
        {format.eventDate(order.event.startsAt, order.event.timezone)} · {order.event.venue.name}, {order.event.venue.city}
      </p>
      <p className="small muted">
        {m.account.orderedOn(format.date(order.createdAt, order.event.timezone))} · {m.account.tickets(order.ticketCount)} ·{" "}
        <strong className="account-order-total">{format.price(order.totalMinor, order.currency)}</strong>
      </p>
      {refunds.pending > 0 ? <p className="small account-refund-note">{m.account.refundSummaryPending}</p> : null}
      {refunds.failed > 0 && refunds.latestStatus === "FAILED" ? <p className="small account-refund-note">{m.account.refundSummaryFailed}</p> : null}
      {refunds.succeeded > 0 ? <p className="small">{m.account.refundSummaryDone(format.price(refunds.refundedMinor, order.currency))}</p> : null}
      <Link href={`/account/orders/${order.id}`} className="account-order-link">
        {m.account.viewOrder(order.reference)}
      </Link>
    </li>
  );
}
