"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { TicketQr } from "~/components/order/ticket-qr.tsx";
import { useI18n } from "~/i18n/provider.tsx";
import "~/styles/tickets.css";

/** The recipient's view of a transferred ticket: the QR code first, then the event and the ticket, and the PDF. */
export function TransferredTicketView({ token }: { token: string }) {
  const { m, format } = useI18n();
  const p = m.tickets.page;
  const trpc = useTRPC();
  const ticket = useQuery({ ...trpc.ticket.byLink.queryOptions({ token }), retry: false, refetchOnWindowFocus: true });

  if (ticket.isPending)
    return (
      <div className="ticket-page">
        <p className="muted" role="status">
          {p.loading}
        </p>
      </div>
    );
  if (ticket.isError) {
    const { code } = appErrorOf(ticket.error);
    return (
      <div className="ticket-page">
        <h1>{p.title}</h1>
        <p className="alert" role="alert">
          {code === "LINK_EXPIRED" ? p.expired : code === "NOT_FOUND" || code === "VALIDATION_ERROR" ? p.notFound : p.loadFailed}
        </p>
      </div>
    );
  }
  const data = ticket.data;
  const zone = data.event.timezone;
  return (
    <div className="ticket-page">
      <h1>{p.heading(data.event.name)}</h1>
      {data.signedCode && data.shortCode ? (
        <section className="card ticket-page-qr" aria-label={p.qrLabel(data.shortCode)}>
          <TicketQr value={data.signedCode} label={p.qrLabel(data.shortCode)} size={240} />
          <p className="muted small">{p.showAtEntrance}</p>
        </section>
      ) : (
        <p className="alert" role="alert">
          {p.notValid}
        </p>
      )}
      {data.checkedIn ? <p className="badge">{p.checkedIn}</p> : null}
      <section className="card">
        <dl>
          <div>
            <dt>{p.eventLabel}</dt>
            <dd>{data.event.name}</dd>
          </div>
          <div>
            <dt>{p.whenLabel}</dt>
            <dd>{format.eventDate(data.event.startsAt, zone)}</dd>
          </div>
          {data.event.doorsAt ? (
            <div>
              <dt>{p.doorsLabel}</dt>
              <dd>{format.time(data.event.doorsAt, zone)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{p.venueLabel}</dt>
            <dd>{[data.event.venue.name, data.event.venue.address, data.event.venue.city].filter(Boolean).join(", ")}</dd>
          </div>
          <div>
            <dt>{p.ticketLabel}</dt>
            <dd>{data.ticketTypeName}</dd>
          </div>
          <div>
            <dt>{p.seatLabel}</dt>
            <dd>{data.seat ? m.tickets.seat(data.seat.section, data.seat.row, data.seat.seat) : p.generalAdmission}</dd>
          </div>
          <div>
            <dt>{p.holderLabel}</dt>
            <dd>{data.holderName}</dd>
          </div>
          {data.shortCode ? (
            <div>
              <dt>{p.codeLabel}</dt>
              <dd>
                <code>{data.shortCode}</code>
              </dd>
            </div>
          ) : null}
        </dl>
      </section>
      <div className="ticket-page-actions">
        {data.pdf ? (
          <a className="button button-primary" href={data.pdf} download>
            {p.downloadPdf}
          </a>
        ) : null}
        <Link className="button" href={`/events/${data.event.slug}`}>
          {p.eventPage}
        </Link>
      </div>
    </div>
  );
}
