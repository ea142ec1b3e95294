"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { formatPrice } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { orgPath } from "~/lib/org-path.ts";

type TSale = AdminRouterOutputs["boxOffice"]["sell"];
type TOrder = AdminRouterOutputs["order"]["byId"];

/** The payment worker issues tickets and invoice moments after the sale: the receipt asks again until both are there. */
const POLL_MS = 1_500;
const complete = (order: TOrder | undefined) =>
  Boolean(order && order.tickets.length > 0 && order.documents?.ticketsPdf && order.documents.invoices.some((i) => i.kind === "INVOICE"));

/** After a sale: reference, change due, the tickets (PDF to print or show), the invoice once issued, and "next sale". */
export function SaleReceipt({
  organizationId,
  sale,
  documentOrigin,
  onNext,
}: {
  organizationId: string;
  sale: TSale;
  documentOrigin: string;
  onNext: () => void;
}) {
  const trpc = useTRPC();
  const order = useQuery({
    ...trpc.order.byId.queryOptions({ organizationId, orderId: sale.orderId }),
    refetchInterval: (query) => (complete(query.state.data) ? false : POLL_MS),
  });
  const documents = order.data?.documents;
  const invoice = documents?.invoices.find((i) => i.kind === "INVOICE");
  const link = (path: string) => new URL(path, documentOrigin).toString();
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="sold-heading">
        <h2 id="sold-heading">
          Sold: order <Link href={orgPath(organizationId, `/orders/${sale.orderId}`)}>{sale.reference}</Link>
        </h2>
        <p>
          {sale.quantity} ticket(s) · {formatPrice(sale.totalMinor, sale.currency)} · {sale.paymentMethod === "CASH" ? "cash" : "card terminal"}
        </p>
        {sale.changeDueMinor !== null ? (
          <p className="box-office-change" role="status">
            Change due {formatPrice(sale.changeDueMinor, sale.currency)}
          </p>
        ) : null}
      </section>
      <section className="card stack" aria-labelledby="receipt-tickets-heading" aria-busy={!complete(order.data)}>
        <h2 id="receipt-tickets-heading">Tickets and invoice</h2>
        {order.data && order.data.tickets.length > 0 ? (
          <ul className="plain-list">
            {order.data.tickets.map((ticket) => (
              <li key={ticket.id}>
                <code>{ticket.shortCode}</code> · {ticket.ticketTypeName}
                {ticket.seat ? ` · ${ticket.seat.section} ${ticket.seat.row}-${ticket.seat.seat}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Issuing the tickets…</p>
        )}
        <div className="actions-row">
          {documents?.ticketsPdf ? (
            <a className="button touch-target" href={link(documents.ticketsPdf)} target="_blank" rel="noreferrer">
              Tickets PDF (print or show)
            </a>
          ) : null}
          {invoice ? (
            <a className="button touch-target" href={link(invoice.pdf)} target="_blank" rel="noreferrer">
              Invoice {invoice.number}
            </a>
          ) : (
            <span className="muted">Issuing the invoice…</span>
          )}
        </div>
      </section>
      <button type="button" className="button button-primary touch-target" onClick={onNext}>
        Next sale
      </button>
    </div>
  );
}
