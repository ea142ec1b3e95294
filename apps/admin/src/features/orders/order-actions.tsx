"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { RefundForm } from "./refund-form.tsx";

type Order = AdminRouterOutputs["order"]["byId"];

/** Refund tickets or a goodwill amount (`RefundForm`), resend the confirmation, cancel an unpaid order. */
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
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.order.pathKey() });
  const onError = (error: { message: string }) => setMessage(error.message);
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
  const paid = order.status === "PAID" || order.status === "PARTIALLY_REFUNDED";
  const requested = (text: string) => {
    setMessage(text);
    refresh();
  };

  return (
    <section aria-labelledby="actions-heading" className="card stack">
      <h2 id="actions-heading">Actions</h2>
      <p role="status" className={message ? "alert" : "visually-hidden"}>
        {message}
      </p>
      {canRefund && paid ? <RefundForm organizationId={organizationId} order={order} onRequested={requested} /> : null}
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
