"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { formatDateTime, formatPrice } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { QueryError } from "~/components/query-error.tsx";
import { ORDER_CHANNEL_LABEL, ORDER_STATUS_LABEL } from "~/lib/labels.ts";
import { OrderActions } from "./order-actions.tsx";
import { OrderHistory } from "./order-history.tsx";

type Order = AdminRouterOutputs["order"]["byId"];
type TRefunds = AdminRouterOutputs["order"]["refunds"];

/** A refund still moving: pending, or done within the last ten minutes and its credit note not on the order yet. */
function settling(refunds: TRefunds | undefined, order?: Order): boolean {
  if (!refunds) return false;
  if (refunds.some((refund) => refund.status === "PENDING")) return true;
  if (!order) return false;
  const recent = refunds.filter((refund) => refund.status === "SUCCEEDED" && Date.now() - refund.updatedAt.getTime() < 10 * 60_000);
  const notes = order.documents?.invoices.filter((invoice) => invoice.kind === "CREDIT_NOTE").length ?? 0;
  return recent.length > 0 && notes < refunds.filter((refund) => refund.status === "SUCCEEDED").length;
}

interface TOrderDetailsProps {
  organizationId: string;
  orderId: string;
  /** Where the signed document links are served (the shop's origin). */
  documentOrigin: string;
  canRefund: boolean;
  canManage: boolean;
}

/** The order page: buyer, lines, tickets, refunds, documents, then the actions and the history. */
export function OrderDetails({ organizationId, orderId, documentOrigin, canRefund, canManage }: TOrderDetailsProps) {
  const trpc = useTRPC();
  // While a refund is pending or its credit note not issued yet, the page refreshes itself (the payment worker completes refunds).
  const refunds = useQuery({
    ...trpc.order.refunds.queryOptions({ organizationId, orderId }),
    refetchInterval: (query) => (settling(query.state.data) ? 2_000 : false),
  });
  const order = useQuery({
    ...trpc.order.byId.queryOptions({ organizationId, orderId }),
    refetchInterval: (query): number | false => (settling(refunds.data, query.state.data) ? 2_000 : false),
  });
  if (order.isPending) return <p className="muted">Loading the order…</p>;
  if (order.isError) return <QueryError error={order.error} onRetry={() => void order.refetch()} />;
  const o = order.data;
  return (
    <div className="stack">
      <h1>Order {o.reference}</h1>
      <section className="card stack" aria-labelledby="buyer-heading">
        <h2 id="buyer-heading">Buyer</h2>
        <p>
          {o.buyerName}
          {o.buyerEmail ? (
            <>
              {" "}
              · <span className="break-all">{o.buyerEmail}</span>
            </>
          ) : (
            " · no e-mail address (box office)"
          )}
        </p>
        <p>
          <span className="badge">{ORDER_STATUS_LABEL[o.status]}</span> · {formatPrice(o.totalMinor, o.currency)} · ordered{" "}
          <time dateTime={o.createdAt.toISOString()}>{formatDateTime(o.createdAt)}</time>
        </p>
        {o.payment ? (
          <p className="muted small">
            Payment {o.payment.status.toLowerCase()} {o.payment.paymentIntentId ? `(${o.payment.paymentIntentId})` : ""}
          </p>
        ) : null}
      </section>
      <Tickets organizationId={organizationId} order={o} canManage={canManage} />
      <section className="card stack" aria-labelledby="refunds-heading">
        <h2 id="refunds-heading">Refunds</h2>
        {refunds.data && refunds.data.length > 0 ? (
          <ul className="plain-list">
            {refunds.data.map((refund) => (
              <li key={refund.id}>
                {formatPrice(refund.amountMinor, refund.currency)} · <span className="badge">{refund.status.toLowerCase()}</span> ·{" "}
                {refund.kind === "goodwill" ? "goodwill, tickets stay valid" : `${refund.ticketIds.length} ticket(s)`} · “{refund.reason}”
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No refunds.</p>
        )}
      </section>
      <section className="card stack" aria-labelledby="documents-heading">
        <h2 id="documents-heading">Invoices and credit notes</h2>
        {o.documents && o.documents.invoices.length > 0 ? (
          <ul className="plain-list">
            {o.documents.invoices.map((invoice) => (
              <li key={invoice.number}>
                <a href={new URL(invoice.pdf, documentOrigin).toString()}>
                  {invoice.kind === "INVOICE" ? "Invoice" : "Credit note"} {invoice.number}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None issued.</p>
        )}
      </section>
      <OrderActions organizationId={organizationId} order={o} canRefund={canRefund} canManage={canManage} />
      <OrderHistory organizationId={organizationId} orderId={orderId} channelLabels={ORDER_CHANNEL_LABEL} refreshUntil={historyRefreshUntil(refunds.data, o)} />
    </div>
  );
}

/** Until when the history refreshes itself: while a refund moves, and a minute after the last one settled (its e-mail follows its credit note). */
function historyRefreshUntil(refunds: TRefunds | undefined, order: Order): number {
  if (!refunds || refunds.length === 0) return 0;
  if (settling(refunds, order)) return Date.now() + 60_000;
  return Math.max(...refunds.map((refund) => refund.updatedAt.getTime())) + 60_000;
}

function Tickets({ organizationId, order, canManage }: { organizationId: string; order: Order; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reissue = useMutation(
    trpc.order.reissueTicket.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.order.pathKey() }) }),
  );
  return (
    <section className="card stack" aria-labelledby="tickets-heading">
      <h2 id="tickets-heading">Tickets</h2>
      {reissue.error ? (
        <p className="alert" role="alert">
          {reissue.error.message}
        </p>
      ) : null}
      <ul className="plain-list stack">
        {order.tickets.map((ticket) => (
          <li key={ticket.id} className="actions-row">
            <span>
              <code>{ticket.shortCode}</code> · {ticket.ticketTypeName}
              {ticket.seat ? ` · ${ticket.seat.section} ${ticket.seat.row}-${ticket.seat.seat}` : ""} ·{" "}
              <span className="badge">{ticket.status.toLowerCase()}</span>
            </span>
            {canManage && ticket.status === "VALID" ? (
              <button
                type="button"
                className="button"
                disabled={reissue.isPending}
                onClick={() => reissue.mutate({ organizationId, orderId: order.id, ticketId: ticket.id, reason: "Reissued in the console" })}
              >
                Reissue <span className="visually-hidden">ticket {ticket.shortCode}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
