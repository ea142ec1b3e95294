"use client";

import { BuyerOrderCard } from "./buyer-order-card.tsx";
import type { TInboxConversation } from "./use-order-action.ts";

export interface TBuyerOrdersPanelProps {
  /** The organisation the console is in (the conversation's). */
  organizationId: string;
  /**
   * inbox.get's answer (ZInboxConversation): `buyer.orders` (tickets by short code only), `order`
   * (the conversation's own, listed first), and `can` (refund, manageOrder) deciding which actions show.
   */
  conversation: Pick<TInboxConversation, "id" | "order" | "buyer" | "can">;
}

/**
 * The buyer's orders beside a conversation: open one in the console, resend its confirmation,
 * reissue a ticket, or refund (whole, chosen tickets, or an amount) through inboxTools.orderAction;
 * actions the caller's role lacks are hidden (the API refuses them anyway). After an action, inbox.get
 * is fetched again, so the thread shows the system message.
 */
export function BuyerOrdersPanel({ organizationId, conversation }: TBuyerOrdersPanelProps) {
  const orders = [...conversation.buyer.orders].sort((a, b) => Number(b.id === conversation.order?.id) - Number(a.id === conversation.order?.id));
  return (
    <section className="stack" aria-labelledby={`buyer-orders-${conversation.id}`}>
      <h2 id={`buyer-orders-${conversation.id}`}>Orders</h2>
      {orders.length === 0 ? <p className="muted small">No orders of {conversation.buyer.email} with this organisation.</p> : null}
      <ul className="plain-list stack">
        {orders.map((order) => (
          <BuyerOrderCard
            key={order.id}
            organizationId={organizationId}
            conversationId={conversation.id}
            order={order}
            isConversationOrder={order.id === conversation.order?.id}
            can={conversation.can}
          />
        ))}
      </ul>
    </section>
  );
}
