"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { formatPrice } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

type Order = AdminRouterOutputs["order"]["byId"];

/** Refund chosen tickets (all valid ones when none is ticked), resend the confirmation, cancel an unpaid order. */
export function OrderActions({
  organizationId,
  order,
  canRefund,
  canManage,
}: {
  organizationId: string;
  order: Order;
  canRefund: boolean;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.order.pathKey() });
  const onError = (error: { message: string }) => setMessage(error.message);
  const refund = useMutation(
    trpc.order.refund.mutationOptions({
      onSuccess: (result) => {
        setMessage(`Refund of ${formatPrice(result.amountMinor, result.currency)} requested.`);
        setChosen([]);
        setReason("");
        refresh();
      },
      onError,
    }),
  );
  const resend = useMutation(trpc.order.resendConfirmation.mutationOptions({ onSuccess: () => setMessage("The confirmation is on its way."), onError }));
  const cancel = useMutation(
    trpc.order.cancel.mutationOptions({
      onSuccess: () => {
        setMessage("The order is cancelled.");
        refresh();
      },
      onError,
    }),
  );
  const valid = order.tickets.filter((t) => t.status === "VALID");
  const paid = order.status === "PAID" || order.status === "PARTIALLY_REFUNDED";

  const submitRefund = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    refund.mutate({ organizationId, orderId: order.id, ticketIds: chosen.length > 0 ? chosen : undefined, reason });
  };

  return (
    <section aria-labelledby="actions-heading" className="card stack">
      <h2 id="actions-heading">Actions</h2>
      <p role="status" className={message ? "alert" : "visually-hidden"}>
        {message}
      </p>
      {canRefund && paid && valid.length > 0 ? (
        <form onSubmit={submitRefund} className="stack" aria-labelledby="refund-heading">
          <h3 id="refund-heading">Refund tickets</h3>
          <fieldset className="stack">
            <legend>Tickets to refund (none ticked: all valid tickets)</legend>
            {valid.map((ticket) => (
              <label key={ticket.id} className="check">
                <input
                  type="checkbox"
                  checked={chosen.includes(ticket.id)}
                  onChange={(e) => setChosen((all) => (e.target.checked ? [...all, ticket.id] : all.filter((id) => id !== ticket.id)))}
                />
                {ticket.ticketTypeName} · {ticket.shortCode}
                {ticket.seat ? ` · ${ticket.seat.section} ${ticket.seat.row}-${ticket.seat.seat}` : ""}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="refund-reason">Reason (the buyer sees it)</label>
            <input id="refund-reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="button button-primary" disabled={refund.isPending}>
            {chosen.length > 0 ? `Refund ${chosen.length} ticket(s)` : "Refund the whole order"}
          </button>
        </form>
      ) : null}
      {canManage ? (
        <div className="actions-row">
          {paid ? (
            <button type="button" className="button" disabled={resend.isPending} onClick={() => resend.mutate({ organizationId, orderId: order.id })}>
              Resend confirmation
            </button>
          ) : null}
          {order.status === "PENDING" ? (
            <button
              type="button"
              className="button"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate({ organizationId, orderId: order.id, reason: "Cancelled in the console" })}
            >
              Cancel order
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
