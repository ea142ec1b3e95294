"use client";

import type { RouterOutputs } from "@marquee/api";
import { formatEventDate, formatPrice } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";

type PublicEvent = RouterOutputs["event"]["list"][number];

export function EventList() {
  const trpc = useTRPC();
  const events = useQuery(trpc.event.list.queryOptions());

  if (events.isPending) return <p className="muted">Loading events…</p>;
  if (events.isError) {
    return (
      <div className="alert" role="alert">
        <p>We could not load the events. {events.error.message}</p>
        <button type="button" className="button" onClick={() => void events.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (events.data.length === 0) return <p className="muted">No events are on sale right now. Check back soon.</p>;

  return (
    <ul className="event-grid" aria-label="Upcoming events">
      {events.data.map((event) => (
        <EventCard key={event.id} event={event} />
      ))}
    </ul>
  );
}

function EventCard({ event }: { event: PublicEvent }) {
  return (
    <li className="card event-card">
      <div className="event-card-top">
        <SaleBadge event={event} />
        {event.seatingMode === "RESERVED" ? <span className="badge">Reserved seating</span> : null}
      </div>
      <h3>{event.name}</h3>
      <p>
        <time dateTime={event.startsAt.toISOString()}>{formatEventDate(event.startsAt)}</time>
      </p>
      <p className="muted">
        {event.venue.name}, {event.venue.city}
      </p>
      {event.saleState === "soon" ? (
        <p>
          Sale opens <time dateTime={event.onSaleAt.toISOString()}>{formatEventDate(event.onSaleAt)}</time>
        </p>
      ) : null}
      <p className="price">{event.minPriceMinor === null ? "Prices to be announced" : `From ${formatPrice(event.minPriceMinor, event.currency)}`}</p>
    </li>
  );
}

function SaleBadge({ event }: { event: PublicEvent }) {
  if (event.saleState === "on-sale") return <span className="badge badge-success">On sale</span>;
  if (event.saleState === "soon") return <span className="badge badge-warning">Soon</span>;
  return <span className="badge">Sales ended</span>;
}
