"use client";

import { formatPrice, parsePrice } from "@marquee/ui/format";
import { type FormEvent, useState } from "react";
import { ConfirmDialog } from "../../events/confirm-dialog.tsx";
import { mutationErrorMessage } from "../../signup/mutation-error.ts";
import { type TBuyerOrder, useOrderAction } from "./use-order-action.ts";

type TRefundMode = "tickets" | "amount";

/**
 * Refund from the conversation: chosen tickets (none ticked: the whole order), or an amount that
 * leaves the tickets valid. Reason required, confirmed in a dialog; the thread then shows the refund.
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
  const valid = order.tickets.filter((ticket) => ticket.status === "VALID");
  const [mode, setMode] = useState<TRefundMode>(valid.length > 0 ? "tickets" : "amount");
  const [chosen, setChosen] = useState<string[]>([]);
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const refund = useOrderAction((result) => {
    setConfirming(false);
    setChosen([]);
    setAmount("");
    setReason("");
    if (result.refund) onDone(`Refund of ${formatPrice(result.refund.amountMinor, result.refund.currency)} requested.`);
  });
  const left = order.totalMinor - order.refundedMinor;
  const amountMinor = parsePrice(amount, order.currency);
  const amountError =
    mode !== "amount" || amount.trim() === ""
      ? null
      : amountMinor === null || amountMinor === 0
        ? "Enter an amount such as 10.00."
        : amountMinor > left
          ? `At most ${formatPrice(left, order.currency)} is left to refund.`
          : null;
  const what =
    mode === "amount"
      ? amountMinor
        ? formatPrice(amountMinor, order.currency)
        : "an amount"
      : chosen.length > 0
        ? `${chosen.length} ticket(s)`
        : "the whole order";
  const id = `refund-${order.id}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mode === "amount" && (amountError || amountMinor === null)) return;
    refund.reset();
    setConfirming(true);
  };
  const confirm = () =>
    refund.mutate({
      organizationId,
      conversationId,
      action: "refund",
      orderId: order.id,
      ...(mode === "amount" ? { amountMinor: amountMinor ?? 0 } : chosen.length > 0 ? { ticketIds: chosen } : {}),
      reason,
    });

  return (
    <form onSubmit={submit} className="stack" aria-label={`Refund order ${order.reference}`}>
      <fieldset className="stack">
        <legend>What to refund</legend>
        <label className="check">
          <input type="radio" name={`${id}-mode`} checked={mode === "tickets"} disabled={valid.length === 0} onChange={() => setMode("tickets")} />
          Tickets
        </label>
        <label className="check">
          <input type="radio" name={`${id}-mode`} checked={mode === "amount"} onChange={() => setMode("amount")} />
          An amount (tickets stay valid)
        </label>
      </fieldset>
      {mode === "tickets" ? (
        <fieldset className="stack">
          <legend>Tickets (none ticked: all valid tickets)</legend>
          {valid.map((ticket) => (
            <label key={ticket.id} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(ticket.id)}
                onChange={(e) => setChosen((all) => (e.target.checked ? [...all, ticket.id] : all.filter((t) => t !== ticket.id)))}
              />
              {ticket.ticketTypeName} · {ticket.shortCode}
              {ticket.seatLabel ? ` · ${ticket.seatLabel}` : ""}
            </label>
          ))}
        </fieldset>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-amount`}>Amount ({order.currency})</label>
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            autoComplete="off"
            required
            maxLength={13}
            value={amount}
            aria-describedby={`${id}-amount-hint`}
            aria-invalid={amountError ? true : undefined}
            onChange={(e) => setAmount(e.target.value)}
          />
          <p id={`${id}-amount-hint`} className={amountError ? "field-error" : "muted small"}>
            {amountError ?? `Up to ${formatPrice(left, order.currency)} before pending refunds.`}
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason (kept in the audit log)</label>
        <input id={`${id}-reason`} required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {refund.isError && !confirming ? (
        <p className="alert" role="alert">
          {mutationErrorMessage(refund.error)}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={refund.isPending}>
        {mode === "amount" ? "Refund amount" : chosen.length > 0 ? `Refund ${chosen.length} ticket(s)` : "Refund the whole order"}
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
          {mode === "amount" ? "Every ticket stays valid." : "Refunded tickets stop being valid."} The conversation shows the refund to the buyer.
        </p>
        {refund.isError ? (
          <p className="alert" role="alert">
            {mutationErrorMessage(refund.error)}
          </p>
        ) : null}
      </ConfirmDialog>
    </form>
  );
}
