"use client";

import { formatPrice } from "@marquee/ui/format";
import { RefundFormView } from "../../orders/refund-form-view.tsx";
import { mutationErrorMessage } from "../../signup/mutation-error.ts";
import { type TBuyerOrder, useOrderAction } from "./use-order-action.ts";

/**
 * Refund from the conversation (inboxTools.orderAction): the order page's form, bounded by what is
 * not refunded yet (the server also counts refunds still pending); the thread then shows the refund.
 */
export function ConversationRefundForm({
  organizationId,
  conversationId,
  order,
  onDone,
}: {
  organizationId: string;
  conversationId: string;
  order: TBuyerOrder;
  onDone: (message: string) => void;
}) {
  const refund = useOrderAction((result) => {
    if (result.refund) onDone(`Refund of ${formatPrice(result.refund.amountMinor, result.refund.currency)} requested.`);
  });
  return (
    <RefundFormView
      idPrefix={`refund-${order.id}`}
      label={`Refund order ${order.reference}`}
      order={order}
      tickets={order.tickets
        .filter((ticket) => ticket.status === "VALID")
        .map((ticket) => ({ id: ticket.id, label: `${ticket.ticketTypeName} · ${ticket.shortCode}${ticket.seatLabel ? ` · ${ticket.seatLabel}` : ""}` }))}
      refundableMinor={order.totalMinor - order.refundedMinor}
      sequel="The buyer gets an e-mail with a credit note, and the conversation shows the refund."
      pending={refund.isPending}
      error={refund.isError ? mutationErrorMessage(refund.error) : null}
      onRefund={async (request) => {
        try {
          await refund.mutateAsync({ organizationId, conversationId, action: "refund", orderId: order.id, ...request });
          return true;
        } catch {
          return false;
        }
      }}
    />
  );
}
