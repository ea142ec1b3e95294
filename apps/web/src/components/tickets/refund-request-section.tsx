"use client";

import type { RouterOutputs } from "@marquee/api";
import type { UseMutationResult } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ticketErrorText } from "~/components/tickets/ticket-error.ts";
import { useI18n } from "~/i18n/provider.tsx";

type TSelfService = RouterOutputs["ticket"]["selfService"];
type TTicket = TSelfService["tickets"][number];
type TRequestRefund = UseMutationResult<RouterOutputs["ticket"]["requestRefund"], unknown, { orderId: string; ticketIds?: string[]; reason: string }>;

interface TRefundRequestSectionProps {
  data: TSelfService;
  orderId: string;
  requestRefund: TRequestRefund;
  label(ticket: TTicket): string;
}

/** The event's refund policy, the form to ask the organiser for a refund (while allowed), and the order's requests with their status. */
export function RefundRequestSection({ data, orderId, requestRefund, label }: TRefundRequestSectionProps) {
  const { m, format } = useI18n();
  const t = m.tickets;
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const policy = data.policy.refundRequests;
  const refundable = data.tickets.filter((ticket) => ticket.canRequestRefund);
  const pending = data.refundRequests.some((request) => request.status === "PENDING");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ticketIds = form.getAll("ticketIds").map(String);
    const reason = String(form.get("reason") ?? "").trim();
    if (ticketIds.length === 0) return setError(t.chooseAtLeastOne);
    if (!reason) return setError(t.reasonRequired);
    setError(null);
    try {
      await requestRefund.mutateAsync({ orderId, ticketIds, reason });
      setSent(true);
    } catch (caught) {
      setError(ticketErrorText(m, caught));
    }
  }

  return (
    <div className="ticket-refund">
      <h3 id="ticket-refund-heading">{t.refundHeading}</h3>
      <p className="muted">{!policy.enabled ? t.refundsOff : policy.open ? t.refundsUntil(format.eventDate(policy.until!, data.timezone)) : t.refundsClosed}</p>
      <p role="status" className="ticket-self-service-announcement">
        {sent ? t.requestSent : ""}
      </p>
      {policy.open && !pending && refundable.length > 0 ? (
        <form className="stack ticket-refund-form" onSubmit={(event) => void onSubmit(event)} aria-labelledby="ticket-refund-heading" noValidate>
          <p className="muted small">{t.refundIntro}</p>
          <fieldset className="ticket-refund-tickets">
            <legend>{t.chooseTickets}</legend>
            {refundable.map((ticket) => (
              <label key={ticket.id} className="ticket-refund-choice">
                <input type="checkbox" name="ticketIds" value={ticket.id} defaultChecked />
                <span>{label(ticket)}</span>
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="ticket-refund-reason">{t.reasonLabel}</label>
            <textarea id="ticket-refund-reason" name="reason" rows={3} maxLength={1_000} required aria-describedby="ticket-refund-reason-hint" />
            <span id="ticket-refund-reason-hint" className="small muted">
              {t.reasonHint}
            </span>
          </div>
          {error ? (
            <p className="alert" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="button button-primary" disabled={requestRefund.isPending}>
            {requestRefund.isPending ? t.sending : t.sendRequest}
          </button>
        </form>
      ) : null}
      {data.refundRequests.length > 0 ? (
        <>
          <h3 id="ticket-refund-requests-heading">{t.requestsHeading}</h3>
          <ul className="ticket-refund-requests" aria-labelledby="ticket-refund-requests-heading">
            {data.refundRequests.map((request) => (
              <li key={request.id} className="ticket-refund-request">
                <span className={`badge${request.status === "APPROVED" ? " badge-success" : request.status === "DECLINED" ? " badge-warning" : ""}`}>
                  {t.requestStatus[request.status]}
                </span>
                <span className="small">
                  {t.requestTickets(request.ticketIds.length)} · {t.requestSentOn(format.date(request.createdAt, data.timezone))}
                </span>
                {request.decisionNote ? <span className="small">{t.organiserNote(request.decisionNote)}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
