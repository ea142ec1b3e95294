"use client";

import { formatPrice, parsePrice } from "@marquee/ui/format";
import { type FormEvent, type ReactNode, useState } from "react";
import { ConfirmDialog } from "../events/confirm-dialog.tsx";

type TRefundMode = "tickets" | "goodwill";

/** What a refund asks for: chosen tickets (none: every valid ticket), or a goodwill amount that leaves them valid. */
export interface TRefundRequest {
  ticketIds?: string[];
  amountMinor?: number;
  reason: string;
}

export interface TRefundFormViewProps {
  /** Prefix of the form's element ids (several forms may share a page). */
  idPrefix: string;
  /** The form's heading, when it has one of its own; else `label` names it for assistive technology. */
  heading?: ReactNode;
  label?: string;
  order: { reference: string; currency: string };
  /** The tickets still valid, each with what the agent reads ("Standing · K7Q-X2M-PAR · Stalls A-12"). */
  tickets: readonly { id: string; label: string }[];
  /** At most this much can still be refunded (the server checks it again under the order's lock). */
  refundableMinor: number;
  /** What else happens, said in the confirmation (e.g. the buyer's e-mail, the conversation's note). */
  sequel: string;
  pending: boolean;
  error: string | null;
  /** Asked once the agent confirms; answers whether the refund was requested (the fields are then cleared). */
  onRefund(request: TRefundRequest): Promise<boolean>;
}

/**
 * The refund form the order page and the help inbox's order panel share: refund chosen tickets
 * (all valid ones when none is ticked) or a goodwill amount in the order's currency; reason
 * required; confirmed in a dialog. The caller sends the request (order.refund, inboxTools.orderAction).
 */
export function RefundFormView({ idPrefix, heading, label, order, tickets, refundableMinor, sequel, pending, error, onRefund }: TRefundFormViewProps) {
  const [mode, setMode] = useState<TRefundMode>(tickets.length > 0 ? "tickets" : "goodwill");
  const [chosen, setChosen] = useState<string[]>([]);
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const amountMinor = parsePrice(amount, order.currency);
  const refundable = formatPrice(refundableMinor, order.currency);
  const amountError =
    mode !== "goodwill" || amount.trim() === ""
      ? null
      : amountMinor === null || amountMinor === 0
        ? "Enter an amount such as 10.00."
        : amountMinor > refundableMinor
          ? `At most ${refundable} is left to refund.`
          : null;
  const what =
    mode === "goodwill"
      ? `${amountMinor ? formatPrice(amountMinor, order.currency) : "an amount"} as a goodwill refund`
      : chosen.length > 0
        ? `${chosen.length} ticket(s)`
        : "the whole order";
  const id = (part: string) => `${idPrefix}-${part}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mode === "goodwill" && (amountError || amountMinor === null)) return;
    setConfirming(true);
  };
  const confirm = async () => {
    const request: TRefundRequest =
      mode === "goodwill" ? { amountMinor: amountMinor ?? 0, reason } : { ...(chosen.length > 0 ? { ticketIds: chosen } : {}), reason };
    const requested = await onRefund(request);
    setConfirming(false);
    if (!requested) return;
    setChosen([]);
    setAmount("");
    setReason("");
  };

  return (
    <form onSubmit={submit} className="stack" {...(heading ? { "aria-labelledby": id("heading") } : { "aria-label": label })}>
      {heading ? <h3 id={id("heading")}>{heading}</h3> : null}
      <fieldset className="stack">
        <legend>What to refund</legend>
        <label className="check">
          <input type="radio" name={id("mode")} checked={mode === "tickets"} disabled={tickets.length === 0} onChange={() => setMode("tickets")} />
          Refund tickets
        </label>
        <label className="check">
          <input type="radio" name={id("mode")} checked={mode === "goodwill"} onChange={() => setMode("goodwill")} />
          Refund an amount (goodwill)
        </label>
      </fieldset>
      {mode === "tickets" ? (
        <fieldset className="stack">
          <legend>Tickets to refund (none ticked: all valid tickets)</legend>
          {tickets.map((ticket) => (
            <label key={ticket.id} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(ticket.id)}
                onChange={(e) => setChosen((all) => (e.target.checked ? [...all, ticket.id] : all.filter((t) => t !== ticket.id)))}
              />
              {ticket.label}
            </label>
          ))}
        </fieldset>
      ) : (
        <div className="field">
          <label htmlFor={id("amount")}>Amount ({order.currency})</label>
          <input
            id={id("amount")}
            inputMode="decimal"
            autoComplete="off"
            required
            maxLength={13}
            value={amount}
            aria-describedby={id("amount-hint")}
            aria-invalid={amountError ? true : undefined}
            onChange={(e) => setAmount(e.target.value)}
          />
          <p id={id("amount-hint")} className={amountError ? "field-error" : "muted small"}>
            {amountError ?? `Up to ${refundable} is left to refund. Every ticket stays valid.`}
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor={id("reason")}>Reason (the buyer sees it)</label>
        <input id={id("reason")} required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={pending}>
        {mode === "goodwill" ? "Refund amount" : chosen.length > 0 ? `Refund ${chosen.length} ticket(s)` : "Refund the whole order"}
      </button>
      <ConfirmDialog
        open={confirming}
        title="Refund the buyer?"
        onClose={() => setConfirming(false)}
        confirmLabel="Confirm refund"
        confirmDisabled={pending}
        onConfirm={() => void confirm()}
      >
        <p>
          Refund {what} of order {order.reference} to the buyer&apos;s card.{" "}
          {mode === "goodwill" ? "Every ticket stays valid." : "The refunded tickets stop being valid."} {sequel}
        </p>
      </ConfirmDialog>
    </form>
  );
}
