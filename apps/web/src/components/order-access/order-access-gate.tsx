"use client";

import { useHydrated } from "@marquee/ui/use-hydrated";
import { useMemo } from "react";
import { OrderConfirmation } from "~/components/order/order-confirmation.tsx";
import { useI18n } from "~/i18n/provider.tsx";
import { LinkedOrder } from "./linked-order.tsx";
import { readOrderLinkToken } from "./order-link-token.ts";

/**
 * /orders/[orderId]: opened with an e-mailed link (`#token=…`, or the token this tab kept) it shows
 * the order on any device; otherwise the buyer's own browser shows it through its cart or account.
 */
export function OrderAccessGate({ orderId }: { orderId: string }) {
  const { m } = useI18n();
  const hydrated = useHydrated();
  // The fragment exists only in the browser: read once hydrated, so the server's HTML and the first render match.
  const token = useMemo(() => (hydrated ? readOrderLinkToken(orderId) : null), [hydrated, orderId]);
  if (!hydrated) return <p className="muted">{m.orderAccess.loading}</p>;
  return token ? <LinkedOrder orderId={orderId} token={token} /> : <OrderConfirmation orderId={orderId} />;
}
