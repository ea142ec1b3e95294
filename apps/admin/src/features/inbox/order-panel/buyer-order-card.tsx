"use client";

import { formatDateTime, formatPrice } from "@marquee/ui/format";
import Link from "next/link";
import { useState } from "react";
import { orgPath } from "~/lib/org-path.ts";
import { ConfirmDialog } from "../../events/confirm-dialog.tsx";
import { mutationErrorMessage } from "../../signup/mutation-error.ts";
import { ConversationRefundForm } from "./conversation-refund-form.tsx";
import { type TBuyerOrder, useOrderAction } from "./use-order-action.ts";

/** One of the buyer's orders: its tickets by short code, a link to the order page, and the actions the caller's role allows. */
export function BuyerOrderCard({
  organizationId,
  conversationId,
  order,
  isConversationOrder,
  can,
}: {
  organizationId: string;
  conversationId: string;
  order: TBuyerOrder;
  isConversationOrder: boolean;
  can: { refund: boolean; manageOrder: boolean };
}) {
  const [notice, setNotice] = useState("");
  const [reissuing, setReissuing] = useState<TBuyerOrder["tickets"][number] | null>(null);
  const [refunding, setRefunding] = useState(false);
  const resend = useOrderAction(() => setNotice("The confirmation is on its way."));
  const reissue = useOrderAction((result) => {
    setNotice(`Ticket ${reissuing?.shortCode ?? ""} reissued as ${result.ticket?.shortCode ?? ""}.`);
    setReissuing(null);
  });
  const paid = order.status === "PAID" || order.status === "PARTIALLY_REFUNDED";
  const error = resend.error ?? (reissuing ? null : reissue.error);
  const headingId = `order-${order.id}`;

  return (
    <li className="card stack" aria-labelledby={headingId}>
      <h3 id={headingId} className="break-all">
        <Link href={orgPath(organizationId, `/orders/${order.id}`)}>{order.reference}</Link>
        {isConversationOrder ? <span className="muted small"> (this conversation)</span> : null}
      </h3>
      <p className="small">
        {order.eventName} · <time dateTime={order.eventStartsAt.toISOString()}>{formatDateTime(order.eventStartsAt)}</time>
      </p>
      <p className="small">
        {order.status.replaceAll("_", " ").toLowerCase()} · {formatPrice(order.totalMinor, order.currency)}
        {order.refundedMinor > 0 ? ` · ${formatPrice(order.refundedMinor, order.currency)} refunded` : ""}
      </p>
      <ul className="plain-list small" aria-label={`Tickets of ${order.reference}`}>
        {order.tickets.map((ticket) => (
          <li key={ticket.id} className="actions-row">
            <span className="break-all">
              <code>{ticket.shortCode}</code> {ticket.ticketTypeName}
              {ticket.seatLabel ? ` · ${ticket.seatLabel}` : ""} · {ticket.status.toLowerCase()}
            </span>
            {can.manageOrder && paid && ticket.status === "VALID" ? (
              <button type="button" className="button touch-target" onClick={() => setReissuing(ticket)} aria-label={`Reissue ticket ${ticket.shortCode}`}>
                Reissue
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <div role="status" aria-live="polite" className="small">
        {notice}
      </div>
      {error ? (
        <p className="alert" role="alert">
          {mutationErrorMessage(error)}
        </p>
      ) : null}
      <div className="actions-row">
        {can.manageOrder && paid ? (
          <button
            type="button"
            className="button"
            disabled={resend.isPending}
            onClick={() => resend.mutate({ organizationId, conversationId, action: "resend-confirmation", orderId: order.id })}
          >
            {resend.isPending ? "Sending…" : "Resend confirmation"}
          </button>
        ) : null}
        {can.refund && paid ? (
          <button type="button" className="button" aria-expanded={refunding} onClick={() => setRefunding((open) => !open)}>
            {refunding ? "Close refund" : "Refund…"}
          </button>
        ) : null}
      </div>
      {refunding && can.refund && paid ? (
        <ConversationRefundForm
          organizationId={organizationId}
          conversationId={conversationId}
          order={order}
          onDone={(message) => {
            setNotice(message);
            setRefunding(false);
          }}
        />
      ) : null}
      <ConfirmDialog
        open={reissuing !== null}
        title="Reissue this ticket?"
        onClose={() => setReissuing(null)}
        confirmLabel="Reissue"
        confirmDisabled={reissue.isPending}
        onConfirm={() => reissuing && reissue.mutate({ organizationId, conversationId, action: "reissue-ticket", orderId: order.id, ticketId: reissuing.id })}
      >
        <p>Ticket {reissuing?.shortCode} stops admitting at once; the buyer gets a new one with the order. The conversation shows it to the buyer.</p>
        {reissue.isError ? (
          <p className="alert" role="alert">
            {mutationErrorMessage(reissue.error)}
          </p>
        ) : null}
      </ConfirmDialog>
    </li>
  );
}
