"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { formatPrice, parsePrice } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ConfirmDialog } from "../events/confirm-dialog.tsx";

type Order = AdminRouterOutputs["order"]["byId"];
type TRefundMode = "tickets" | "goodwill";

/**
 * The order page's refund: chosen tickets (all valid ones when none is ticked), or a goodwill amount
 * in the order's currency that leaves every ticket valid. Reason required, confirmed in a dialog.
 */
export function RefundForm({ organizationId, order, onRequested }: { organizationId: string; order: Order; onRequested: (message: string) => void }) {
  const trpc = useTRPC();
  // What is left to refund (the server checks it again under the order's lock).
  const activity = useQuery(trpc.order.activity.queryOptions({ organizationId, orderId: order.id }));
  const valid = order.tickets.filter((t) => t.status === "VALID");
  const [mode, setMode] = useState<TRefundMode>(valid.length > 0 ? "tickets" : "goodwill");
  const [chosen, setChosen] = useState<string[]>([]);
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refund = useMutation(
    trpc.order.refund.mutationOptions({
      onSuccess: (result) => {
        onRequested(`Refund of ${formatPrice(result.amountMinor, result.currency)} requested.`);
        setChosen([]);
        setAmount("");
        setReason("");
      },
      onError: (failure) => setError(failure.message),
      onSettled: () => setConfirming(false),
    }),
  );
  if (!activity.data || activity.data.refundableMinor === 0) return null;
  const { refundableMinor } = activity.data;
  const amountMinor = parsePrice(amount, order.currency);
  const refundable = formatPrice(refundableMinor, order.currency);
  const amountError =
    mode !== "goodwill" || amount.trim() === ""
      ? null
      : amountMinor === null || amountMinor === 0
        ? `Enter an amount such as 10.00.`
        : amountMinor > refundableMinor
          ? `At most ${refundable} is left to refund.`
          : null;
  const what =
    mode === "goodwill"
      ? `${amountMinor ? formatPrice(amountMinor, order.currency) : "an amount"} as a goodwill refund`
      : chosen.length > 0
        ? `${chosen.length} ticket(s)`
        : "the whole order";

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    if (mode === "goodwill" && (amountError || amountMinor === null)) return;
    setConfirming(true);
  };
  const confirm = () =>
    refund.mutate({
      organizationId,
      orderId: order.id,
      ...(mode === "goodwill" ? { amountMinor: amountMinor ?? 0 } : { ticketIds: chosen.length > 0 ? chosen : undefined }),
      reason,
    });

  return (
    <form onSubmit={submit} className="stack" aria-labelledby="refund-heading">
      <h3 id="refund-heading">Refund</h3>
      <fieldset className="stack">
        <legend>What to refund</legend>
        <label className="check">
          <input type="radio" name="refund-mode" checked={mode === "tickets"} disabled={valid.length === 0} onChange={() => setMode("tickets")} />
          Refund tickets
        </label>
        <label className="check">
          <input type="radio" name="refund-mode" checked={mode === "goodwill"} onChange={() => setMode("goodwill")} />
          Refund an amount (goodwill)
        </label>
      </fieldset>
      {mode === "tickets" ? (
        <fieldset className="stack">
          <legend>Tickets to refund (none ticked: all valid tickets)</legend>
          {valid.map((ticket) => (
            <label key={ticket.id} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(ticket.id)}
                onChange={(e) => setChosen((all) => (e.target.checked ? [...all, ticket.id] : all.filter((id) => id !== ticket.id)))}
              />
              {ticket.ticketTypeName} · {ticket.shortCode}
              {ticket.seat ? ` · ${ticket.seat.section} ${ticket.seat.row}-${ticket.seat.seat}` : ""}
            </label>
          ))}
        </fieldset>
      ) : (
        <div className="field">
          <label htmlFor="refund-amount">Amount ({order.currency})</label>
          <input
            id="refund-amount"
            inputMode="decimal"
            autoComplete="off"
            required
            maxLength={13}
            value={amount}
            aria-describedby="refund-amount-hint"
            aria-invalid={amountError ? true : undefined}
            onChange={(e) => setAmount(e.target.value)}
          />
          <p id="refund-amount-hint" className={amountError ? "field-error" : "muted small"}>
            {amountError ?? `Up to ${refundable} is left to refund. Every ticket stays valid.`}
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor="refund-reason">Reason (the buyer sees it)</label>
        <input id="refund-reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={refund.isPending}>
        {mode === "goodwill" ? "Refund amount" : chosen.length > 0 ? `Refund ${chosen.length} ticket(s)` : "Refund the whole order"}
      </button>
      <ConfirmDialog
        open={confirming}
        title="Refund the buyer?"
        onClose={() => setConfirming(false)}
        confirmLabel="Confirm refund"
        confirmDisabled={refund.isPending}
        onConfirm={confirm}
      >
        <p>
          Refund {what} of order {order.reference} to the buyer&apos;s card.{" "}
          {mode === "goodwill" ? "Every ticket stays valid." : "The refunded tickets stop being valid."} The buyer gets an e-mail with a credit note.
        </p>
      </ConfirmDialog>
    </form>
  );
}
