"use client";

import type { RouterOutputs } from "@marquee/api";
import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useHydrated } from "@marquee/ui/use-hydrated";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { CheckoutNotice, NoticeLink } from "~/components/checkout/checkout-notice.tsx";
import { paymentSubmittedAt } from "~/components/checkout/checkout-session.ts";
import { declineMessage } from "~/components/checkout/payment-messages.ts";
import { useI18n } from "~/i18n/provider.tsx";
import { useStoredCart } from "~/lib/cart-store.ts";
import { OrderDetails } from "./order-details.tsx";

type TOrder = RouterOutputs["order"]["get"];

const PAID_STATUSES: TOrder["status"][] = ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"];
/** After this tab's card was accepted, a FAILED payment is an older attempt's until the webhook catches up. */
const SETTLING_MS = 60_000;

type TView = "paid" | "processing" | "awaiting" | "failed" | "cancelled" | "expired";

function viewOf(order: TOrder, submittedAt: number | null): TView {
  if (PAID_STATUSES.includes(order.status)) return "paid";
  if (order.status === "CANCELLED") return "cancelled";
  if (order.status === "EXPIRED") return "expired";
  const payment = order.payment?.status;
  if (payment === "AUTHORIZED" || payment === "CAPTURED") return "processing";
  if (submittedAt !== null && Date.now() - submittedAt < SETTLING_MS) return "processing";
  if (payment === "FAILED") return "failed";
  return "awaiting";
}

/** Until the documents' links expire (an hour), refresh a minute before; at least every 30 s. */
function documentsRefreshMs(order: TOrder): number | false {
  if (!order.documents) return false;
  // The invoice is issued just after PAID: look again shortly until it is there.
  if (!order.documents.invoices.some((invoice) => invoice.kind === "INVOICE")) return 3_000;
  return Math.max(30_000, order.documents.expiresAt.getTime() - Date.now() - 60_000);
}

/**
 * /orders/[orderId]: polls order.get every second while the payment settles (webhook, then the
 * saga issues the tickets), then shows the order with its tickets. Expired, cancelled and failed
 * orders get their own friendly page.
 */
export function OrderConfirmation({ orderId }: { orderId: string }) {
  const { m, locale } = useI18n();
  const trpc = useTRPC();
  const cart = useStoredCart();
  const hydrated = useHydrated();
  // This tab's sessionStorage: read once hydrated, so the server's HTML and the first render match.
  const submittedAt = useMemo(() => (hydrated ? paymentSubmittedAt(orderId) : null), [hydrated, orderId]);

  const order = useQuery(
    trpc.order.get.queryOptions(
      { orderId, locale },
      {
        enabled: cart !== null,
        staleTime: 0,
        refetchOnWindowFocus: true,
        retry: (count, error) => appErrorOf(error).code === null && count < 3,
        refetchInterval: (query) => {
          const data = query.state.data;
          if (!data) return false;
          const view = viewOf(data, submittedAt);
          if (view === "paid") return documentsRefreshMs(data);
          if (view === "cancelled" || view === "expired") return false;
          return view === "processing" ? 1_000 : 5_000;
        },
      },
    ),
  );
  const eventId = order.data?.eventId;
  const event = useQuery(trpc.event.get.queryOptions({ idOrSlug: eventId ?? "", locale }, { enabled: eventId !== undefined, retry: false }));
  const view = order.data ? viewOf(order.data, submittedAt) : null;

  // "Processing" on this tab's word alone ends after SETTLING_MS even if nothing changed.
  const [, setSettled] = useState(0);
  useEffect(() => {
    if (view !== "processing" || submittedAt === null) return;
    const timer = window.setTimeout(() => setSettled(Date.now()), Math.max(0, submittedAt + SETTLING_MS - Date.now()) + 100);
    return () => window.clearTimeout(timer);
  }, [view, submittedAt]);

  // The cart's hold for this event, if it still lives: a failed or unpaid order can be retried.
  const holdId = eventId ? cart?.holds[eventId] : undefined;
  const hold = useQuery(
    trpc.hold.get.queryOptions({ holdId: holdId ?? "" }, { enabled: holdId !== undefined && (view === "failed" || view === "awaiting"), retry: false }),
  );
  const retryHref = hold.data?.status === "ACTIVE" ? `/checkout/${hold.data.id}` : null;
  const eventHref = event.data ? `/events/${event.data.slug}` : "/";
  const eventLink = event.data ? m.order.backToEvent(event.data.name) : m.order.browseEvents;

  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (view === "paid") headingRef.current?.focus();
  }, [view]);

  if (!hydrated || (cart !== null && order.isPending)) return <p className="muted">{m.order.loading}</p>;
  const code = order.error ? appErrorOf(order.error).code : null;
  if (cart === null || code === "NOT_FOUND" || code === "VALIDATION_ERROR" || code === "CART_REQUIRED") {
    return (
      <CheckoutNotice heading={m.order.notFoundHeading}>
        <p>{m.order.notFoundBody}</p>
        <NoticeLink href="/find-order">{m.orderAccess.findOrder}</NoticeLink>
        <NoticeLink href="/">{m.order.browseEvents}</NoticeLink>
      </CheckoutNotice>
    );
  }
  if (order.isError || !order.data) {
    return (
      <div className="alert" role="alert">
        <p>{m.order.loadFailed}</p>
        <button type="button" className="button" onClick={() => void order.refetch()}>
          {m.common.tryAgain}
        </button>
      </div>
    );
  }

  const data = order.data;
  switch (view) {
    case "paid":
      return (
        <>
          <header className="order-header">
            <h1 ref={headingRef} tabIndex={-1}>
              {m.order.confirmedHeading}
            </h1>
            <p>{m.order.sentTo(data.buyerEmail)}</p>
          </header>
          <OrderDetails order={data} event={event.data ?? null} />
        </>
      );
    case "processing":
      return (
        <section className="card order-processing" aria-labelledby="order-processing-heading" aria-busy="true">
          <h1 id="order-processing-heading">{m.order.processingHeading}</h1>
          <div className="spinner" aria-hidden="true" />
          <p role="status">{m.order.processingBody}</p>
        </section>
      );
    case "failed":
      return (
        <CheckoutNotice heading={m.order.paymentFailedHeading} tone="warning">
          <p>{m.order.paymentFailedBody}</p>
          {data.payment?.failureCode ? <p>{declineMessage(m.checkout, data.payment.failureCode, data.payment.failureCode)}</p> : null}
          {retryHref ? <NoticeLink href={retryHref}>{m.order.retryPayment}</NoticeLink> : <RetryGone eventHref={eventHref} eventLink={eventLink} />}
        </CheckoutNotice>
      );
    case "awaiting":
      return (
        <CheckoutNotice heading={m.order.awaitingPaymentHeading}>
          <p>{m.order.awaitingPaymentBody}</p>
          {retryHref ? <NoticeLink href={retryHref}>{m.order.continuePayment}</NoticeLink> : <RetryGone eventHref={eventHref} eventLink={eventLink} />}
        </CheckoutNotice>
      );
    case "cancelled":
      return (
        <CheckoutNotice heading={m.order.cancelledHeading} tone="warning">
          <p>{m.order.cancelledBody}</p>
          <NoticeLink href={eventHref}>{eventLink}</NoticeLink>
        </CheckoutNotice>
      );
    default:
      return (
        <CheckoutNotice heading={m.order.expiredHeading} tone="warning">
          <p>{m.order.expiredBody}</p>
          <NoticeLink href={eventHref}>{eventLink}</NoticeLink>
        </CheckoutNotice>
      );
  }
}

function RetryGone({ eventHref, eventLink }: { eventHref: string; eventLink: string }) {
  const { m } = useI18n();
  return (
    <>
      <p>{m.order.holdGone}</p>
      <NoticeLink href={eventHref}>{eventLink}</NoticeLink>
    </>
  );
}
