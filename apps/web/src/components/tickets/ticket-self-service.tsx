"use client";

import type { RouterOutputs } from "@marquee/api";
import { useState } from "react";
import { RefundRequestSection } from "~/components/tickets/refund-request-section.tsx";
import { type TTicketAccess, useTicketSelfService } from "~/components/tickets/ticket-access.ts";
import { TicketDialog } from "~/components/tickets/ticket-dialog.tsx";
import { ticketErrorText } from "~/components/tickets/ticket-error.ts";
import { useI18n } from "~/i18n/provider.tsx";
import "~/styles/tickets.css";

type TSelfService = RouterOutputs["ticket"]["selfService"];
export type TSelfServiceTicket = TSelfService["tickets"][number];

interface TTicketSelfServiceProps {
  orderId: string;
  /** How the buyer holds the order (signed in; the guest page passes its order-link kind). */
  access: TTicketAccess;
  /** After a change: the page refetches its order (holder names, transferred tickets). */
  onChanged?: () => void;
}

type TOpenDialog = { kind: "rename" | "transfer"; ticket: TSelfServiceTicket } | null;

/**
 * Ticket self-service on an order page: the organiser's cut-offs, each of the buyer's tickets with
 * "Change name" and "Transfer" (modal dialogs) while allowed, and refund requests with their status.
 */
export function TicketSelfService({ orderId, access, onChanged }: TTicketSelfServiceProps) {
  const { m, format } = useI18n();
  const t = m.tickets;
  const { query, rename, transfer, requestRefund } = useTicketSelfService(orderId, access, onChanged);
  const [dialog, setDialog] = useState<TOpenDialog>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  if (query.isPending)
    return (
      <p className="muted" role="status">
        {t.loading}
      </p>
    );
  if (query.isError)
    return (
      <p className="alert" role="alert">
        {t.loadFailed}
      </p>
    );
  const data = query.data;
  const when = (date: Date | null) => (date ? format.eventDate(date, data.timezone) : "");
  const changes = data.policy.ticketChanges;
  const label = (ticket: TSelfServiceTicket) =>
    ticket.seat
      ? `${ticket.ticketTypeName} (${t.seat(ticket.seat.section, ticket.seat.row, ticket.seat.seat)})`
      : `${ticket.ticketTypeName} ${ticket.shortCode}`;
  const open = (kind: "rename" | "transfer", ticket: TSelfServiceTicket) => {
    setDialogError(null);
    setDialog({ kind, ticket });
  };
  const close = () => setDialog(null);

  async function submitRename(form: FormData) {
    if (!dialog) return;
    setDialogError(null);
    try {
      const result = await rename.mutateAsync({ orderId, ticketId: dialog.ticket.id, holderName: String(form.get("holderName") ?? "") });
      setAnnouncement(t.renamed(result.holderName));
      close();
    } catch (error) {
      setDialogError(ticketErrorText(m, error));
    }
  }

  async function submitTransfer(form: FormData) {
    if (!dialog) return;
    setDialogError(null);
    try {
      const recipient = { name: String(form.get("recipientName") ?? ""), email: String(form.get("recipientEmail") ?? "").trim() };
      const result = await transfer.mutateAsync({ orderId, ticketId: dialog.ticket.id, recipient });
      setAnnouncement(t.transferred(result.transferredTo));
      close();
    } catch (error) {
      setDialogError(ticketErrorText(m, error));
    }
  }

  return (
    <section className="card ticket-self-service" aria-labelledby="ticket-self-service-heading">
      <h2 id="ticket-self-service-heading">{t.heading}</h2>
      <p className="muted">{!changes.enabled ? t.changesOff : changes.open ? t.changesUntil(when(changes.until)) : t.changesClosed}</p>
      <p className="ticket-self-service-announcement" role="status">
        {announcement}
      </p>
      <ul className="ticket-self-service-list" aria-label={t.ticketsLabel}>
        {data.tickets.map((ticket) => (
          <li key={ticket.id} className="ticket-self-service-item">
            <div className="ticket-self-service-info">
              <strong>{label(ticket)}</strong>
              <span className="small">{t.holder(ticket.holderName)}</span>
              {ticket.transferredTo ? (
                <span className="badge badge-warning">{t.transferredTo(ticket.transferredTo)}</span>
              ) : ticket.blockedBy ? (
                <span className="badge">{t.block[ticket.blockedBy]}</span>
              ) : null}
            </div>
            {ticket.canChange ? (
              <div className="ticket-self-service-actions">
                <button type="button" className="button" aria-label={t.changeNameFor(label(ticket))} onClick={() => open("rename", ticket)}>
                  {t.changeName}
                </button>
                <button type="button" className="button" aria-label={t.transferFor(label(ticket))} onClick={() => open("transfer", ticket)}>
                  {t.transfer}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>

      <TicketDialog
        open={dialog?.kind === "rename"}
        heading={t.renameHeading}
        description={t.renameBody}
        submitLabel={t.save}
        busyLabel={t.saving}
        cancelLabel={t.cancel}
        busy={rename.isPending}
        error={dialogError}
        onSubmit={(form) => void submitRename(form)}
        onClose={close}
      >
        <div className="field">
          <label htmlFor="ticket-holder-name">{t.nameLabel}</label>
          <input id="ticket-holder-name" name="holderName" required maxLength={120} autoComplete="name" defaultValue={dialog?.ticket.holderName} autoFocus />
        </div>
      </TicketDialog>

      <TicketDialog
        open={dialog?.kind === "transfer"}
        heading={t.transferHeading}
        description={t.transferBody}
        submitLabel={t.confirmTransfer}
        busyLabel={t.transferring}
        cancelLabel={t.cancel}
        busy={transfer.isPending}
        error={dialogError}
        onSubmit={(form) => void submitTransfer(form)}
        onClose={close}
      >
        <div className="field">
          <label htmlFor="ticket-recipient-name">{t.recipientName}</label>
          <input id="ticket-recipient-name" name="recipientName" required maxLength={120} autoComplete="off" autoFocus />
        </div>
        <div className="field">
          <label htmlFor="ticket-recipient-email">{t.recipientEmail}</label>
          <input id="ticket-recipient-email" name="recipientEmail" type="email" required maxLength={254} autoComplete="off" inputMode="email" />
        </div>
      </TicketDialog>

      <RefundRequestSection data={data} orderId={orderId} requestRefund={requestRefund} label={label} />
    </section>
  );
}
