"use client";

import type { RouterOutputs } from "@marquee/api";
import Link from "next/link";
import { useI18n } from "~/i18n/provider.tsx";
import { TicketQr } from "./ticket-qr.tsx";
import { WalletButtons } from "./wallet-buttons.tsx";
import "~/styles/checkout.css";

type TOrder = RouterOutputs["order"]["get"];
type TPublicEvent = RouterOutputs["event"]["get"];

/**
 * The event fields the order needs: event.get's answer fits as it is. `ticketTypes` (optional)
 * names the lines before tickets exist; once they do, the tickets name them.
 */
export type TOrderDetailsEvent = Pick<TPublicEvent, "name" | "slug" | "startsAt" | "timezone" | "venue"> & { ticketTypes?: { id: string; name: string }[] };

export interface TOrderDetailsProps {
  /** order.get's answer (or account.order's, which has the same fields). */
  order: TOrder;
  /** event.get(order.eventId); null while loading or when the event is no longer public. */
  event: TOrderDetailsEvent | null;
}

/**
 * A paid order as its buyer sees it: reference, event, lines and totals, each ticket with its QR
 * code, the PDF downloads, "Add to calendar" and "Contact support about this order". Pure
 * presentation: the caller loads the order and keeps the document links fresh (they expire after
 * an hour: refetch on window focus and before `order.documents.expiresAt`). Used by the order
 * confirmation page and the account's order pages.
 */
export function OrderDetails({ order, event }: TOrderDetailsProps) {
  const { m, format } = useI18n();
  const price = (minor: number) => format.price(minor, order.currency);
  const typeName = (ticketTypeId: string) =>
    order.tickets.find((ticket) => ticket.ticketTypeId === ticketTypeId)?.ticketTypeName ??
    event?.ticketTypes?.find((type) => type.id === ticketTypeId)?.name ??
    m.order.ticketFallbackName;

  return (
    <div className="order-details">
      <section className="card order-overview" aria-label={m.order.referenceLabel}>
        <dl className="order-facts">
          <div>
            <dt>{m.order.referenceLabel}</dt>
            <dd className="order-reference">
              {order.reference}
              {order.status === "REFUNDED" ? <span className="badge">{m.order.statusRefunded}</span> : null}
              {order.status === "PARTIALLY_REFUNDED" ? <span className="badge">{m.order.statusPartiallyRefunded}</span> : null}
            </dd>
          </div>
          {event ? (
            <div>
              <dt>{m.order.eventLabel}</dt>
              <dd>
                <strong>{event.name}</strong>
                <br />
                <time dateTime={event.startsAt.toISOString()}>{format.eventDate(event.startsAt, event.timezone)}</time>
                <br />
                <span className="muted">{m.order.venue(event.venue.name, event.venue.city)}</span>
              </dd>
            </div>
          ) : null}
        </dl>
        <div className="order-actions">
          {event ? (
            <a className="button" href={`/events/${encodeURIComponent(event.slug)}/calendar.ics`} download>
              {m.order.addToCalendar}
            </a>
          ) : null}
          <Link className="button" href={`/support?order=${encodeURIComponent(order.id)}`}>
            {m.order.contactSupport}
          </Link>
        </div>
      </section>

      <section className="card" aria-labelledby="order-summary-heading">
        <h2 id="order-summary-heading">{m.order.summaryHeading}</h2>
        <ul className="checkout-lines">
          {order.lines.map((line, index) => (
            <li key={`${line.ticketTypeId}-${line.seatId ?? index}`} className="checkout-line">
              <p className="checkout-line-name">{m.order.line(format.count(line.quantity), typeName(line.ticketTypeId))}</p>
              <p className="checkout-line-price">{price(line.totalMinor)}</p>
            </li>
          ))}
        </ul>
        <dl className="checkout-totals">
          {order.discountMinor > 0 ? (
            <>
              <div>
                <dt>{m.order.subtotal}</dt>
                <dd>{price(order.subtotalMinor)}</dd>
              </div>
              <div>
                <dt>{m.order.discount}</dt>
                <dd>−{price(order.discountMinor)}</dd>
              </div>
            </>
          ) : null}
          <div className="checkout-total">
            <dt>{m.order.total}</dt>
            <dd>{price(order.totalMinor)}</dd>
          </div>
          {order.taxMinor > 0 ? <p className="muted small">{m.order.taxIncluded(price(order.taxMinor))}</p> : null}
        </dl>
      </section>

      {order.tickets.length > 0 ? (
        <section aria-labelledby="order-tickets-heading">
          <h2 id="order-tickets-heading">{m.order.ticketsHeading}</h2>
          <p className="muted">{m.order.ticketsHint}</p>
          <ul className="ticket-list">
            {order.tickets.map((ticket) => (
              <li key={ticket.id} className={`card ticket${ticket.status !== "VALID" ? " ticket-revoked" : ""}`}>
                {ticket.signedCode ? <TicketQr value={ticket.signedCode} label={m.order.qrLabel(ticket.shortCode)} /> : null}
                <div className="ticket-info">
                  <h3>{ticket.ticketTypeName}</h3>
                  {ticket.status === "REVOKED" ? <p className="badge badge-warning">{m.order.ticketRevoked}</p> : null}
                  {ticket.transferredTo ? <p className="badge badge-warning">{m.tickets.transferredTo(ticket.transferredTo)}</p> : null}
                  <dl>
                    <div>
                      <dt>{m.order.shortCodeLabel}</dt>
                      <dd>
                        <code>{ticket.shortCode}</code>
                      </dd>
                    </div>
                    <div>
                      <dt>{m.order.seatLabel}</dt>
                      <dd>{ticket.seat ? m.order.seat(ticket.seat.section, ticket.seat.row, ticket.seat.seat) : m.order.generalAdmission}</dd>
                    </div>
                    <div>
                      <dt>{m.order.holderLabel}</dt>
                      <dd>{ticket.holderName ?? order.buyerName}</dd>
                    </div>
                  </dl>
                  <WalletButtons orderId={order.id} ticketId={ticket.id} shortCode={ticket.shortCode} valid={ticket.status === "VALID"} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {order.documents ? <OrderDocuments documents={order.documents} /> : null}
    </div>
  );
}

function OrderDocuments({ documents }: { documents: NonNullable<TOrder["documents"]> }) {
  const { m } = useI18n();
  return (
    <section className="card" aria-labelledby="order-documents-heading">
      <h2 id="order-documents-heading">{m.order.documentsHeading}</h2>
      <ul className="order-documents">
        {documents.ticketsPdf ? (
          <li>
            <a href={documents.ticketsPdf} download>
              {m.order.ticketsPdf}
            </a>
          </li>
        ) : null}
        {documents.invoices.map((invoice) => (
          <li key={invoice.number}>
            <a href={invoice.pdf} download>
              {invoice.kind === "INVOICE" ? m.order.invoicePdf(invoice.number) : m.order.creditNotePdf(invoice.number)}
            </a>
          </li>
        ))}
      </ul>
      {documents.invoices.every((invoice) => invoice.kind !== "INVOICE") ? <p className="muted small">{m.order.documentsPending}</p> : null}
      <p className="muted small">{m.order.linksExpire}</p>
    </section>
  );
}
