"use client";

import type { RouterOutputs } from "@marquee/api";
import { useI18n } from "~/i18n/provider.tsx";

type THoldQuote = RouterOutputs["order"]["quote"];
type TCheckoutOrder = RouterOutputs["order"]["checkout"];

/**
 * The held tickets with their prices (order.quote: the server's prices, nothing computed here).
 * Once checkout made the order, its totals replace the quote's (a voucher shows as a discount).
 */
export function HoldSummary({ quote, order }: { quote: THoldQuote; order: TCheckoutOrder | null }) {
  const { m, format } = useI18n();
  const price = (minor: number) => format.price(minor, quote.currency);
  return (
    <section className="card checkout-summary" aria-labelledby="checkout-summary-heading">
      <h2 id="checkout-summary-heading">{m.checkout.summaryHeading}</h2>
      <ul className="checkout-lines">
        {quote.lines.map((line, index) => (
          <li key={`${line.ticketTypeId}-${line.seat ? `${line.seat.section}-${line.seat.row}-${line.seat.seat}` : index}`} className="checkout-line">
            <div>
              <p className="checkout-line-name">
                {line.seat ? null : <span>{m.checkout.quantity(format.count(line.quantity))} </span>}
                {line.ticketTypeName}
              </p>
              {line.seat ? <p className="muted small">{m.checkout.seat(line.seat.section, line.seat.row, line.seat.seat)}</p> : null}
              {line.quantity > 1 && line.unitPriceMinor !== null ? <p className="muted small">{m.checkout.each(price(line.unitPriceMinor))}</p> : null}
            </div>
            <p className="checkout-line-price">{line.totalMinor === null ? m.checkout.priceUnavailable : price(line.totalMinor)}</p>
          </li>
        ))}
      </ul>
      <dl className="checkout-totals">
        {order && order.discountMinor > 0 ? (
          <>
            <div>
              <dt>{m.checkout.subtotal}</dt>
              <dd>{price(order.subtotalMinor)}</dd>
            </div>
            <div>
              <dt>{m.checkout.discount}</dt>
              <dd>−{price(order.discountMinor)}</dd>
            </div>
          </>
        ) : null}
        <div className="checkout-total">
          <dt>{m.checkout.total}</dt>
          <dd>{order ? price(order.totalMinor) : quote.totalMinor === null ? m.checkout.priceUnavailable : price(quote.totalMinor)}</dd>
        </div>
        {order && order.taxMinor > 0 ? <p className="muted small">{m.checkout.taxIncluded(price(order.taxMinor))}</p> : null}
      </dl>
    </section>
  );
}
