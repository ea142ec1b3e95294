"use client";

import type { RouterOutputs } from "@marquee/api";
import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { OrderStatusBadge, RefundStatusBadge } from "~/components/account/order-badges.tsx";
import { OrderDetails } from "~/components/order/order-details.tsx";
import { TicketSelfService } from "~/components/tickets/ticket-self-service.tsx";
import { useI18n } from "~/i18n/provider.tsx";

type TAccountOrder = RouterOutputs["account"]["order"];

/** One of the buyer's orders: heading with its reference, the shared order details, its refunds. */
export function AccountOrderView({ orderId }: { orderId: string }) {
  const { m, locale } = useI18n();
  const trpc = useTRPC();
  const order = useQuery({
    ...trpc.account.order.queryOptions({ orderId, locale }),
    // The document links are signed for an hour: fetch fresh ones on focus and a minute before they lapse.
    refetchOnWindowFocus: true,
    refetchInterval: (query) => {
      const expiresAt = query.state.data?.documents?.expiresAt;
      return expiresAt ? Math.max(30_000, expiresAt.getTime() - Date.now() - 60_000) : false;
    },
  });

  const back = (
    <p className="account-back">
      <Link href="/account">{m.account.backToAccount}</Link>
    </p>
  );
  if (order.isPending) {
    return (
      <>
        {back}
        <p className="muted" role="status">
          {m.account.orderLoading}
        </p>
      </>
    );
  }
  if (order.isError) {
    const { trpcCode } = appErrorOf(order.error);
    const notFound = trpcCode === "NOT_FOUND" || trpcCode === "BAD_REQUEST";
    return (
      <>
        {back}
        <h1>{notFound ? m.account.orderNotFound : m.account.orderError}</h1>
        {notFound ? null : (
          <button type="button" className="button" onClick={() => void order.refetch()}>
            {m.common.tryAgain}
          </button>
        )}
      </>
    );
  }
  const data = order.data;
  return (
    <>
      {back}
      <header className="account-order-header">
        <h1 id="order-heading">{m.account.orderReference(data.reference)}</h1>
        <OrderStatusBadge status={data.status} />
      </header>
      <OrderDetails order={data} event={data.event} />
      {data.tickets.length > 0 ? <TicketSelfService orderId={data.id} access={{ kind: "account" }} onChanged={() => void order.refetch()} /> : null}
      <RefundsList order={data} />
    </>
  );
}

function RefundsList({ order }: { order: TAccountOrder }) {
  const { m, format } = useI18n();
  return (
    <section className="card account-section" aria-labelledby="refunds-heading">
      <h2 id="refunds-heading">{m.account.refundsHeading}</h2>
      {order.refunds.length === 0 ? (
        <p className="muted">{m.account.refundsEmpty}</p>
      ) : (
        <ul className="account-refunds" aria-label={m.account.refundsListLabel}>
          {order.refunds.map((refund) => (
            <li key={refund.id} className="account-refund">
              <div className="account-refund-top">
                <strong>{format.price(refund.amountMinor, refund.currency)}</strong>
                <RefundStatusBadge status={refund.status} />
              </div>
              <p className="small muted">
                {m.account.refundRequested(format.date(refund.createdAt, order.event.timezone))} · {m.account.refundTickets(refund.ticketIds.length)}
              </p>
              {refund.reason ? <p className="small">{m.account.refundReason(refund.reason)}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
