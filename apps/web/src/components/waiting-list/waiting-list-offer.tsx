"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useSyncExternalStore } from "react";
import { useI18n } from "~/i18n/provider.tsx";
import { rememberHold, useEnsureCart } from "~/lib/cart-store.ts";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const subscribe = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};
/** The token from `#token=…` (never sent to a server with the page request); "" on the server. */
const readToken = () => new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";

export function WaitingListOffer() {
  const { m, locale, format } = useI18n();
  const w = m.waitingList;
  const trpc = useTRPC();
  const router = useRouter();
  const ensureCart = useEnsureCart();
  const token = useSyncExternalStore(subscribe, readToken, () => null);
  const valid = token !== null && TOKEN.test(token);
  const offer = useQuery({ ...trpc.waitingList.offer.queryOptions({ token: valid ? token : "", locale }), enabled: valid, retry: false });
  const claim = useMutation(trpc.waitingList.claim.mutationOptions());
  const decline = useMutation(trpc.waitingList.decline.mutationOptions());

  if (token === null || (valid && offer.isPending)) return <p className="muted">{w.loading}</p>;
  const invalid = !valid || offer.isError || (claim.isError && appErrorOf(claim.error).code === "OFFER_INVALID");
  if (invalid) {
    return (
      <section className="card stack" data-testid="waiting-list-offer-invalid">
        <h1>{w.invalidTitle}</h1>
        <p>{w.invalidText}</p>
        <p>
          <Link href="/" className="button">
            {w.toEvents}
          </Link>
        </p>
      </section>
    );
  }
  if (decline.isSuccess) {
    return (
      <section className="card stack">
        <h1>{w.offerTitle}</h1>
        <p role="status">{w.declined}</p>
      </section>
    );
  }
  const o = offer.data!;
  const onClaim = async () => {
    await ensureCart();
    const hold = await claim.mutateAsync({ token: token! });
    rememberHold(hold.eventId, hold.holdId);
    router.push(`/checkout/${hold.holdId}`);
  };
  return (
    <section className="card stack" data-testid="waiting-list-offer" aria-labelledby="offer-title">
      <h1 id="offer-title">{w.offerTitle}</h1>
      <p>{w.offerText(o.quantity, o.ticketTypeName, o.eventName)}</p>
      <p>
        <strong>{w.offerUntil(format.eventDate(o.offerExpiresAt))}</strong>
      </p>
      {claim.isError ? (
        <p role="alert" className="alert alert-error">
          {w.errorGeneric}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={claim.isPending || claim.isSuccess}
          onClick={() => void onClaim().catch(() => undefined)}
          data-testid="waiting-list-claim"
        >
          {claim.isPending || claim.isSuccess ? w.claiming : w.claim}
        </button>
        <button type="button" className="button" disabled={decline.isPending || claim.isPending} onClick={() => decline.mutate({ token: token! })}>
          {w.decline}
        </button>
      </div>
    </section>
  );
}
