"use client";

import "~/trpc/request-headers.ts";
import type { AdminRouterOutputs } from "@marquee/api";
import { formatDateTime, formatPrice } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { Field, FormError, fieldError } from "~/features/events/form-kit.tsx";
import { parseMinor, saleLines } from "./sale-money.ts";
import { SaleReceipt } from "./sale-receipt.tsx";

type TBoxOfficeEvent = AdminRouterOutputs["boxOffice"]["events"]["events"][number];
type TSale = AdminRouterOutputs["boxOffice"]["sell"];

/** Stock changes with every online sale: the page reads it again this often. */
const STOCK_REFRESH_MS = 5_000;

/** The box office: pick an event, count tickets per type, take cash or card, sell; then the receipt and "next sale". */
export function BoxOffice({ organizationId, documentOrigin }: { organizationId: string; documentOrigin: string }) {
  const trpc = useTRPC();
  const events = useQuery({ ...trpc.boxOffice.events.queryOptions({ organizationId }), refetchInterval: STOCK_REFRESH_MS });
  const [eventId, setEventId] = useState<string | null>(null);
  const [sale, setSale] = useState<TSale | null>(null);
  if (events.isPending) return <p className="muted">Loading events…</p>;
  if (events.isError) return <QueryError error={events.error} onRetry={() => void events.refetch()} />;
  if (sale) return <SaleReceipt organizationId={organizationId} sale={sale} documentOrigin={documentOrigin} onNext={() => setSale(null)} />;
  const list = events.data.events;
  if (list.length === 0) return <p className="muted">No published events to sell. Publish an event first.</p>;
  const event = list.find((e) => e.id === eventId) ?? list[0]!;
  return (
    <div className="stack">
      <div className="field box-office-event">
        <label htmlFor="box-office-event">Event</label>
        <select id="box-office-event" className="touch-target" value={event.id} onChange={(e) => setEventId(e.target.value)}>
          {list.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name} · {formatDateTime(e.startsAt)}
            </option>
          ))}
        </select>
      </div>
      <SaleForm key={event.id} organizationId={organizationId} event={event} onSold={setSale} />
    </div>
  );
}

/** One quantity with big − and + buttons (a tablet at the door) and the stock left. */
function QuantityRow({
  type,
  currency,
  quantity,
  onChange,
}: {
  type: TBoxOfficeEvent["ticketTypes"][number];
  currency: string;
  quantity: number;
  onChange: (quantity: number) => void;
}) {
  const id = `quantity-${type.id}`;
  const sellable = type.priceMinor !== null && type.available > 0;
  const max = Math.min(type.available, 100);
  return (
    <li className="box-office-type">
      <div>
        <label htmlFor={id} className="block">
          {type.name}
        </label>
        <span className="muted small" id={`${id}-stock`}>
          {type.priceMinor === null ? "No price on sale" : formatPrice(type.priceMinor, currency)} · {type.available} left
        </span>
      </div>
      <div className="quantity-stepper">
        <button type="button" className="button touch-target" disabled={quantity <= 0} onClick={() => onChange(quantity - 1)}>
          − <span className="visually-hidden">one {type.name}</span>
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={0}
          max={max}
          value={quantity}
          disabled={!sellable}
          aria-describedby={`${id}-stock`}
          onChange={(e) => onChange(Math.max(0, Math.min(max, Number.parseInt(e.target.value, 10) || 0)))}
        />
        <button type="button" className="button touch-target" disabled={!sellable || quantity >= max} onClick={() => onChange(quantity + 1)}>
          + <span className="visually-hidden">one {type.name}</span>
        </button>
      </div>
    </li>
  );
}

function SaleForm({ organizationId, event, onSold }: { organizationId: string; event: TBoxOfficeEvent; onSold: (sale: TSale) => void }) {
  const trpc = useTRPC();
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [method, setMethod] = useState<"CASH" | "CARD">("CASH");
  const [tendered, setTendered] = useState("");
  // One key per sale attempt: a double click or a lost answer replays the first sale; a refused attempt gets a new key.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const sell = useMutation(
    trpc.boxOffice.sell.mutationOptions({ trpc: { context: { idempotencyKey } }, onSuccess: onSold, onError: () => setIdempotencyKey(crypto.randomUUID()) }),
  );
  const seatedTypes = event.ticketTypes.map((type) => ({ ...type, seated: event.seated && type.priceZoneId !== null }));
  const lines = saleLines(seatedTypes, quantities);
  const count = lines.reduce((sum, line) => sum + line.quantity, 0);
  const totalMinor = event.ticketTypes.reduce((sum, type) => sum + (quantities[type.id] ?? 0) * (type.priceMinor ?? 0), 0);
  const tenderedMinor = tendered.trim() === "" ? null : parseMinor(tendered);
  const changeMinor = method === "CASH" && tenderedMinor !== null ? tenderedMinor - totalMinor : null;
  const short = changeMinor !== null && changeMinor < 0;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
    };
    const name = text("buyerName");
    const email = text("buyerEmail");
    sell.mutate({
      organizationId,
      eventId: event.id,
      lines,
      paymentMethod: method,
      cashTenderedMinor: method === "CASH" && tenderedMinor !== null ? tenderedMinor : undefined,
      terminalReference: method === "CARD" ? text("terminalReference") : undefined,
      buyer: name || email ? { name, email } : undefined,
    });
  };

  return (
    <form className="stack" onSubmit={submit} aria-label="Sale">
      <section className="card stack" aria-labelledby="tickets-heading">
        <h2 id="tickets-heading">Tickets</h2>
        <ul className="plain-list stack">
          {event.ticketTypes.map((type) => (
            <QuantityRow
              key={type.id}
              type={type}
              currency={event.currency}
              quantity={quantities[type.id] ?? 0}
              onChange={(quantity) => setQuantities((q) => ({ ...q, [type.id]: quantity }))}
            />
          ))}
        </ul>
        {event.seated ? <p className="muted small">Seated tickets get the best free seats of their zone.</p> : null}
        <p className="box-office-total" aria-live="polite">
          Total <strong>{formatPrice(totalMinor, event.currency)}</strong> · {count} ticket(s)
        </p>
      </section>
      <fieldset className="card stack">
        <legend>Payment</legend>
        <div className="payment-methods">
          {(["CASH", "CARD"] as const).map((m) => (
            <label key={m} className="check touch-target">
              <input type="radio" name="paymentMethod" value={m} checked={method === m} onChange={() => setMethod(m)} />
              {m === "CASH" ? "Cash" : "Card terminal"}
            </label>
          ))}
        </div>
        {method === "CASH" ? (
          <Field id="cash-tendered" label="Cash tendered" error={tenderedMinor === null && tendered.trim() !== "" ? "Enter an amount, e.g. 60.00" : undefined}>
            <input id="cash-tendered" inputMode="decimal" autoComplete="off" value={tendered} onChange={(e) => setTendered(e.target.value)} />
          </Field>
        ) : (
          <Field id="terminal-reference" label="Terminal reference (optional)" error={fieldError(sell.error, "terminalReference")}>
            <input id="terminal-reference" name="terminalReference" maxLength={100} autoComplete="off" />
          </Field>
        )}
        {changeMinor !== null ? (
          <p className={short ? "alert" : "box-office-change"} role="status">
            {short ? `${formatPrice(-changeMinor, event.currency)} short` : `Change due ${formatPrice(changeMinor, event.currency)}`}
          </p>
        ) : null}
      </fieldset>
      <details className="card">
        <summary>Buyer (optional: an e-mail address gets tickets and invoice)</summary>
        <div className="stack">
          <Field id="buyer-name" label="Name" error={fieldError(sell.error, "buyer.name")}>
            <input id="buyer-name" name="buyerName" maxLength={200} autoComplete="off" />
          </Field>
          <Field id="buyer-email" label="E-mail" error={fieldError(sell.error, "buyer.email")}>
            <input id="buyer-email" name="buyerEmail" type="email" maxLength={320} autoComplete="off" />
          </Field>
        </div>
      </details>
      <FormError error={sell.error} fields={["terminalReference", "buyer.name", "buyer.email"]} />
      <button type="submit" className="button button-primary touch-target" disabled={count === 0 || short || sell.isPending}>
        {sell.isPending ? "Selling…" : `Sell ${count} ticket(s) · ${formatPrice(totalMinor, event.currency)}`}
      </button>
    </form>
  );
}
