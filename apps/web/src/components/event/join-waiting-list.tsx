"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";
import { useEnsureCart } from "~/lib/cart-store.ts";

/** "Join the waiting list" on a sold-out GA type: address (prefilled when signed in), quantity; the answer shows the place in line. */
export function JoinWaitingList({
  eventId,
  ticketTypeId,
  typeName,
  maxQuantity,
}: {
  eventId: string;
  ticketTypeId: string;
  typeName: string;
  maxQuantity: number;
}) {
  const { m, locale } = useI18n();
  const w = m.waitingList;
  const trpc = useTRPC();
  const ids = useId();
  const ensureCart = useEnsureCart();
  const [open, setOpen] = useState(false);
  const me = useQuery({ ...trpc.account.me.queryOptions(), enabled: open, retry: false });
  const [email, setEmail] = useState<string | null>(null);
  const [quantity, setQuantity] = useState(1);
  const join = useMutation(trpc.waitingList.join.mutationOptions());

  if (join.isSuccess) {
    const entry = join.data;
    return (
      <p role="status" className="waiting-list-joined" data-testid="waiting-list-joined">
        <strong>{entry.place === null ? w.joinedOut : entry.created ? w.joined(entry.place) : w.alreadyJoined(entry.place)}</strong>
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="waiting-list-open">
        {w.join}
      </button>
    );
  }
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    await ensureCart();
    join.mutate({ eventId, ticketTypeId, email: (email ?? me.data?.email ?? "").trim(), quantity, locale });
  };
  const code = join.isError ? appErrorOf(join.error).code : null;
  return (
    <form className="stack waiting-list-form" onSubmit={(event) => void onSubmit(event)} aria-labelledby={`${ids}-title`} data-testid="waiting-list-form">
      <h4 id={`${ids}-title`}>{w.joinTitle(typeName)}</h4>
      <p className="muted small">{w.joinText}</p>
      <div className="field">
        <label htmlFor={`${ids}-email`}>{w.email}</label>
        <input
          id={`${ids}-email`}
          type="email"
          required
          autoComplete="email"
          value={email ?? me.data?.email ?? ""}
          onChange={(event) => setEmail(event.target.value)}
          maxLength={320}
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-quantity`}>{w.quantity}</label>
        <select id={`${ids}-quantity`} value={quantity} onChange={(event) => setQuantity(Number(event.target.value))}>
          {Array.from({ length: Math.max(1, Math.min(10, maxQuantity)) }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      {code ? (
        <p role="alert" className="alert alert-error">
          {code === "WAITING_LIST_CLOSED" ? w.errorClosed : w.errorGeneric}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={join.isPending}>
          {join.isPending ? w.submitting : w.submit}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {w.cancel}
        </button>
      </div>
    </form>
  );
}
