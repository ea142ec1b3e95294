"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { formatPrice } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery } from "@tanstack/react-query";
import { RefundFormView } from "./refund-form-view.tsx";

type Order = AdminRouterOutputs["order"]["byId"];

/** The order page's refund (order.refund): the shared form, bounded by what order.activity says is left. */
export function RefundForm({ organizationId, order, onRequested }: { organizationId: string; order: Order; onRequested: (message: string) => void }) {
  const trpc = useTRPC();
  // What is left to refund (the server checks it again under the order's lock).
  const activity = useQuery(trpc.order.activity.queryOptions({ organizationId, orderId: order.id }));
  const refund = useMutation(trpc.order.refund.mutationOptions());
  if (!activity.data || activity.data.refundableMinor === 0) return null;
  return (
    <RefundFormView
      idPrefix="refund"
      heading="Refund"
      order={order}
      tickets={order.tickets
        .filter((t) => t.status === "VALID")
        .map((t) => ({ id: t.id, label: `${t.ticketTypeName} · ${t.shortCode}${t.seat ? ` · ${t.seat.section} ${t.seat.row}-${t.seat.seat}` : ""}` }))}
      refundableMinor={activity.data.refundableMinor}
      sequel="The buyer gets an e-mail with a credit note."
      pending={refund.isPending}
      error={refund.error?.message ?? null}
      onRefund={async (request) => {
        try {
          const result = await refund.mutateAsync({ organizationId, orderId: order.id, ...request });
          onRequested(`Refund of ${formatPrice(result.amountMinor, result.currency)} requested.`);
          return true;
        } catch {
          return false;
        }
      }}
    />
  );
}
