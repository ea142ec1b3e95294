"use client";

import type { RouterOutputs } from "@marquee/api";
import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { OrderDetails } from "~/components/order/order-details.tsx";
import { TicketSelfService } from "~/components/tickets/ticket-self-service.tsx";
import { useI18n } from "~/i18n/provider.tsx";
import { ExpiredLinkNotice } from "./expired-link-notice.tsx";
import { forgetOrderLinkToken, keepOrderLinkToken } from "./order-link-token.ts";

type TOrder = RouterOutputs["order"]["byLink"];

/** Document links expire after an hour: refresh a minute before, at least every 30 s; sooner while the invoice is being issued. */
function documentsRefreshMs(order: TOrder): number | false {
  if (!order.documents) return false;
  if (!order.documents.invoices.some((invoice) => invoice.kind === "INVOICE")) return 3_000;
  return Math.max(30_000, order.documents.expiresAt.getTime() - Date.now() - 60_000);
}

/** The order page opened with an e-mailed link, on any device: no session, no cart. */
export function LinkedOrder({ orderId, token }: { orderId: string; token: string }) {
  const { m, locale } = useI18n();
  const trpc = useTRPC();
  const order = useQuery(
    trpc.order.byLink.queryOptions(
      { orderId, locale },
      {
        // The token rides in the X-Order-Token header (lib/cart-store.ts), never in the query's URL.
        trpc: { context: { orderToken: token } },
        staleTime: 0,
        refetchOnWindowFocus: true,
        retry: (count, error) => appErrorOf(error).code === null && count < 3,
        refetchInterval: (query) => (query.state.data ? documentsRefreshMs(query.state.data) : false),
      },
    ),
  );
  const eventId = order.data?.eventId;
  const event = useQuery(trpc.event.get.queryOptions({ idOrSlug: eventId ?? "" }, { enabled: eventId !== undefined, retry: false }));
  const code = order.error ? appErrorOf(order.error).code : null;
  const refused = code === "LINK_EXPIRED" || code === "NOT_FOUND" || code === "VALIDATION_ERROR";

  const loaded = order.isSuccess;
  useEffect(() => {
    if (loaded) keepOrderLinkToken(orderId, token);
  }, [loaded, orderId, token]);
  useEffect(() => {
    if (refused) forgetOrderLinkToken(orderId);
  }, [refused, orderId]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);

  if (order.isPending) return <p className="muted">{m.orderAccess.loading}</p>;
  if (refused) return <ExpiredLinkNotice />;
  if (!order.data) {
    return (
      <div className="alert" role="alert">
        <p>{m.orderAccess.loadFailed}</p>
        <button type="button" className="button" onClick={() => void order.refetch()}>
          {m.common.tryAgain}
        </button>
      </div>
    );
  }
  return (
    <>
      <header className="order-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {m.orderAccess.linkHeading}
        </h1>
        <p>{m.orderAccess.linkIntro(order.data.buyerEmail)}</p>
      </header>
      <OrderDetails order={order.data} event={event.data ?? null} />
      {order.data.tickets.length > 0 ? (
        <TicketSelfService orderId={order.data.id} access={{ kind: "orderLink", token }} onChanged={() => void order.refetch()} />
      ) : null}
    </>
  );
}
