"use client";

import type { RouterOutputs } from "@marquee/api";
import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EventMedia } from "~/components/event/event-media.tsx";
import { useI18n } from "~/i18n/provider.tsx";
import type { TListingInput } from "~/lib/listing-search.ts";

type PublicEvent = RouterOutputs["event"]["list"][number];

/** `showAllLink`: when the list is as long as the limit, link to the search page (which lists more). */
export function EventList({ input, filtered, showAllLink = false }: { input: TListingInput; filtered: boolean; showAllLink?: boolean }) {
  const { m } = useI18n();
  const trpc = useTRPC();
  const events = useQuery(trpc.event.list.queryOptions(input));

  if (events.isPending)
    return (
      <p className="muted" role="status">
        {m.home.loading}
      </p>
    );
  if (events.isError) {
    return (
      <div className="alert" role="alert">
        <p>
          {m.home.loadError} {events.error.message}
        </p>
        <button type="button" className="button" onClick={() => void events.refetch()}>
          {m.common.tryAgain}
        </button>
      </div>
    );
  }
  if (events.data.length === 0) return <p className="muted">{filtered ? m.home.noMatches : m.home.empty}</p>;

  return (
    <>
      <p className="muted" role="status">
        {m.home.results(events.data.length)}
      </p>
      <ul className="event-grid" aria-label={m.home.listLabel}>
        {events.data.map((event, index) => (
          <EventCard key={event.id} event={event} first={index === 0} />
        ))}
      </ul>
      {showAllLink && events.data.length >= Number(input.limit ?? 20) ? (
        <p className="listing-more">
          <Link href="/search" className="button">
            {m.home.allEvents}
          </Link>
        </p>
      ) : null}
    </>
  );
}

function EventCard({ event, first }: { event: PublicEvent; first: boolean }) {
  const { m, format } = useI18n();
  return (
    <li className="card event-card">
      <EventMedia event={event} variant="card" sizes={CARD_IMAGE_SIZES} preload={first} />
      <div className="event-card-top">
        <SaleBadge event={event} />
        {event.seatingMode === "RESERVED" ? <span className="badge">{m.home.reserved}</span> : null}
        {event.waitingRoomEnabled && event.saleState !== "ended" && !event.soldOut ? <span className="badge">{m.home.waitingRoom}</span> : null}
      </div>
      <h3>
        <Link href={`/events/${event.slug}`} className="event-card-link">
          {event.name}
        </Link>
      </h3>
      <p>
        <time dateTime={event.startsAt.toISOString()}>{format.eventDate(event.startsAt)}</time>
      </p>
      <p className="muted">
        {event.venue.name}, {event.venue.city}
      </p>
      {event.saleState === "soon" ? (
        <p>
          {m.home.saleOpens} <time dateTime={event.onSaleAt.toISOString()}>{format.eventDate(event.onSaleAt)}</time>
        </p>
      ) : null}
      <p className="price">{event.minPriceMinor === null ? m.home.pricesTba : m.home.fromPrice(format.price(event.minPriceMinor, event.currency))}</p>
    </li>
  );
}

// The grid's columns are at least 17rem wide: one column on phones, then two, then three or more.
const CARD_IMAGE_SIZES = "(max-width: 40rem) 100vw, (max-width: 64rem) 50vw, 24rem";

function SaleBadge({ event }: { event: PublicEvent }) {
  const { m } = useI18n();
  if (event.saleState === "ended") return <span className="badge">{m.home.ended}</span>;
  if (event.soldOut) return <span className="badge badge-danger">{m.home.soldOut}</span>;
  if (event.saleState === "on-sale") return <span className="badge badge-success">{m.home.onSale}</span>;
  return <span className="badge badge-warning">{m.home.soon}</span>;
}
