"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useHydrated } from "@marquee/ui/use-hydrated";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";
import { forgetHold, useStoredCart } from "~/lib/cart-store.ts";
import { CheckoutFlow } from "./checkout-flow.tsx";
import { CheckoutNotice, NoticeLink } from "./checkout-notice.tsx";
import { forgetCheckout, markPaymentSubmitted, readCheckoutSession } from "./checkout-session.ts";
import type { TPaymentConfig } from "./env.ts";
import { clockOffsetMs } from "./hold-countdown.tsx";
import { ReleaseHold } from "./release-hold.tsx";
import "~/styles/checkout.css";

type TPhase = "checkout" | "expired" | "released" | "notFound" | "paid";

const retryUnlessRefused = (count: number, error: unknown) => appErrorOf(error).code === null && count < 2;

/**
 * /checkout/[holdId]: the cart's hold (hold.get), its prices (order.quote) and event (event.get),
 * then CheckoutFlow while the hold lives. The cart lives in this browser, so all of it loads here.
 */
export function CheckoutView({ holdId, payment }: { holdId: string; payment: TPaymentConfig }) {
  const { m, locale } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const cart = useStoredCart();
  const hydrated = useHydrated();
  const [phase, setPhase] = useState<TPhase>("checkout");

  const hold = useQuery(trpc.hold.get.queryOptions({ holdId }, { enabled: cart !== null, retry: retryUnlessRefused, refetchOnWindowFocus: false }));
  const live = hold.data?.status === "ACTIVE";
  const quote = useQuery(trpc.order.quote.queryOptions({ holdId, locale }, { enabled: live, retry: retryUnlessRefused, refetchOnWindowFocus: false }));
  const eventId = hold.data?.eventId;
  const event = useQuery(trpc.event.get.queryOptions({ idOrSlug: eventId ?? "", locale }, { enabled: eventId !== undefined, retry: retryUnlessRefused }));
  const eventHref = event.data ? `/events/${event.data.slug}` : "/";
  const eventLink = event.data ? m.checkout.backToEvent(event.data.name) : m.checkout.browseEvents;

  const release = useMutation(
    trpc.hold.release.mutationOptions({
      onSettled: (_data, error) => {
        // Already ended or not ours any more: either way there is nothing left to release.
        if (error && appErrorOf(error).code === null) return;
        if (eventId) forgetHold(eventId);
        forgetCheckout(holdId);
        setPhase("released");
        router.push(eventHref);
      },
    }),
  );

  const { refetch: refetchHold } = hold;
  const onExpired = useCallback(() => {
    setPhase((current) => (current === "checkout" ? "expired" : current));
    // Once more, to tell "expired" from "paid just in time" (the hold converted).
    void refetchHold();
  }, [refetchHold]);
  const onNotFound = useCallback(() => setPhase("notFound"), []);
  const onPaid = useCallback(
    (orderId: string) => {
      setPhase("paid");
      markPaymentSubmitted(orderId);
      if (eventId) forgetHold(eventId);
      router.push(`/orders/${orderId}`);
    },
    [eventId, router],
  );

  if (!hydrated || (cart !== null && hold.isPending)) return <p className="muted">{m.checkout.loading}</p>;
  const holdCode = hold.error ? appErrorOf(hold.error).code : null;
  if (
    cart === null ||
    phase === "notFound" ||
    holdCode === "NOT_FOUND" ||
    holdCode === "VALIDATION_ERROR" ||
    (quote.isError && appErrorOf(quote.error).code === "NOT_FOUND")
  ) {
    return (
      <CheckoutNotice heading={m.checkout.notFoundHeading}>
        <p>{m.checkout.notFoundBody}</p>
        <NoticeLink href="/">{m.checkout.browseEvents}</NoticeLink>
      </CheckoutNotice>
    );
  }
  if (hold.isError || !hold.data) {
    return (
      <div className="alert" role="alert">
        <p>{m.checkout.loadFailed}</p>
        <button type="button" className="button" onClick={() => void hold.refetch()}>
          {m.common.tryAgain}
        </button>
      </div>
    );
  }
  if (phase === "paid")
    return (
      <p className="muted" role="status">
        {m.checkout.paymentAccepted}
      </p>
    );

  const status = hold.data.status;
  const orderId = readCheckoutSession(holdId)?.orderId;
  if (status === "CONVERTED") {
    return (
      <CheckoutNotice heading={m.checkout.convertedHeading}>
        <p>{m.checkout.convertedBody}</p>
        {orderId ? <NoticeLink href={`/orders/${orderId}`}>{m.checkout.viewOrder}</NoticeLink> : <NoticeLink href={eventHref}>{eventLink}</NoticeLink>}
      </CheckoutNotice>
    );
  }
  if (phase === "released" || status === "RELEASED") {
    return (
      <CheckoutNotice heading={m.checkout.releasedHeading}>
        <p>{m.checkout.releasedBody}</p>
        <NoticeLink href={eventHref}>{eventLink}</NoticeLink>
      </CheckoutNotice>
    );
  }
  if (phase === "expired" || status === "EXPIRED") {
    return (
      <CheckoutNotice heading={m.checkout.expiredHeading} tone="warning">
        <p role="alert">{m.checkout.expiredBody}</p>
        <NoticeLink href={eventHref}>{eventLink}</NoticeLink>
      </CheckoutNotice>
    );
  }

  if (quote.isPending) return <p className="muted">{m.checkout.loading}</p>;
  if (quote.isError) {
    return (
      <div className="alert" role="alert">
        <p>{m.checkout.loadFailed}</p>
        <button type="button" className="button" onClick={() => void quote.refetch()}>
          {m.common.tryAgain}
        </button>
      </div>
    );
  }

  return (
    <>
      <header className="checkout-header">
        <h1>{m.checkout.heading}</h1>
        {event.data ? <p className="muted">{event.data.name}</p> : null}
      </header>
      <CheckoutFlow
        hold={hold.data}
        quote={quote.data}
        clockOffsetMs={clockOffsetMs(quote.data.serverNow, quote.dataUpdatedAt)}
        payment={payment}
        onExpired={onExpired}
        onNotFound={onNotFound}
        onPaid={onPaid}
        releaseButton={
          <ReleaseHold
            ticketCount={quote.data.lines.reduce((count, line) => count + line.quantity, 0)}
            pending={release.isPending}
            failed={release.isError && appErrorOf(release.error).code === null}
            onRelease={() => release.mutate({ holdId })}
          />
        }
      />
    </>
  );
}
