import type { RouterOutputs } from "@marquee/api";
import Link from "next/link";
import type { Locale } from "~/i18n/locales.ts";
import { getI18n } from "~/i18n/server.ts";
import { EventMedia } from "./event-media.tsx";

type TEvent = RouterOutputs["event"]["get"];

/** The event's heading, date and time in its own time zone, doors, venue and description (server-rendered). */
export async function EventDetails({ event, locale }: { event: TEvent; locale: Locale }) {
  const { m, format } = await getI18n(locale);
  const zone = event.timezone;
  const venueLines = [event.venue.name, event.venue.address, event.venue.city].filter(Boolean).join(", ");
  const paragraphs = event.description
    .split(/\n\s*\n/)
    .map((text) => text.trim())
    .filter(Boolean);
  return (
    <header className="event-header">
      <p className="event-back">
        <Link href="/">{m.common.backToEvents}</Link>
      </p>
      <div className="event-badges">
        {event.saleState === "on-sale" ? <span className="badge badge-success">{m.event.onSale}</span> : null}
        {event.saleState === "soon" ? <span className="badge badge-warning">{m.event.saleSoon}</span> : null}
        {event.saleState === "ended" ? <span className="badge">{m.event.salesEnded}</span> : null}
        {event.seatingMode === "RESERVED" ? <span className="badge">{m.event.reservedSeating}</span> : null}
        {event.waitingRoomEnabled ? <span className="badge">{m.event.waitingRoom}</span> : null}
      </div>
      <h1 id="event-heading">{event.name}</h1>
      <EventMedia event={event} variant="hero" sizes="(max-width: 64rem) 100vw, 60rem" preload />
      <dl className="event-facts" aria-label={m.event.details}>
        <div>
          <dt>{m.event.when}</dt>
          <dd>
            <time dateTime={event.startsAt.toISOString()}>{format.eventDate(event.startsAt, zone)}</time>
            {" – "}
            <time dateTime={event.endsAt.toISOString()}>{format.time(event.endsAt, zone)}</time>
            <span className="muted small event-zone">{m.event.timesIn(zone)}</span>
          </dd>
        </div>
        {event.doorsAt ? (
          <div>
            <dt>{m.event.doors}</dt>
            <dd>
              <time dateTime={event.doorsAt.toISOString()}>{m.event.doorsOpen(format.time(event.doorsAt, zone))}</time>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{m.event.where}</dt>
          <dd>
            <address>{venueLines}</address>
            {event.venueNotes ? <p className="small">{event.venueNotes}</p> : null}
          </dd>
        </div>
      </dl>
      <p>
        <a className="button" href={`/events/${encodeURIComponent(event.slug)}/calendar.ics`} download>
          {m.event.addToCalendar}
        </a>
      </p>
      {paragraphs.length > 0 ? (
        <section className="event-about" aria-labelledby="about-heading">
          <h2 id="about-heading">{m.event.about}</h2>
          {/* Not given in this language: the organiser's default language, marked for screen readers. */}
          <div lang={event.descriptionLanguage === locale ? undefined : event.descriptionLanguage} data-testid="event-description">
            {paragraphs.map((text, index) => (
              <p key={index}>{text}</p>
            ))}
          </div>
        </section>
      ) : null}
    </header>
  );
}
