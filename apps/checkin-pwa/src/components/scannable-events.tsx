"use client";

import type { CheckinRouterOutputs } from "@marquee/api";
import { formatCount, formatTime, formatWeekdayTime } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

interface Organization {
  id: string;
  name: string;
}

type ScannableEvent = CheckinRouterOutputs["checkin"]["events"][number];

/** Events the door team can scan for now or in the coming week, soonest first. */
export function ScannableEvents({ organizations, selected }: { organizations: Organization[]; selected: Organization }) {
  const trpc = useTRPC();
  const events = useQuery(trpc.checkin.events.queryOptions({ organizationId: selected.id }, { refetchInterval: 60 * 1000 }));

  return (
    <section aria-labelledby="events-heading">
      <h1 id="events-heading">Events to scan</h1>
      {organizations.length > 1 ? (
        <nav aria-label="Organisations" className="organisation-switch">
          {organizations.map((organization) => (
            <Link
              key={organization.id}
              href={`/?org=${organization.id}`}
              aria-current={organization.id === selected.id ? "page" : undefined}
              className="button"
            >
              {organization.name}
            </Link>
          ))}
        </nav>
      ) : (
        <p className="muted">{selected.name}</p>
      )}
      <p>
        <Link href={`/register?org=${selected.id}`} className="button">
          Use this phone as a scanner
        </Link>{" "}
        <Link href="/scan" className="button">
          Open the scanner
        </Link>
      </p>
      {events.isPending ? (
        <p className="muted">Loading events…</p>
      ) : events.isError ? (
        appErrorOf(events.error).code === "UNAUTHORIZED" ? (
          <p className="alert" role="alert">
            Your session has ended. <a href="/signin">Sign in again</a>.
          </p>
        ) : (
          <div className="alert" role="alert">
            <p>We could not load the events: {events.error.message}</p>
            <button type="button" className="button" onClick={() => void events.refetch()}>
              Try again
            </button>
          </div>
        )
      ) : events.data.length === 0 ? (
        <p className="card muted">Nothing to scan this week. Events appear here up to a week before they start.</p>
      ) : (
        <ul className="event-list" aria-label={`Events of ${selected.name}`}>
          {events.data.map((event) => (
            <EventItem key={event.id} event={event} />
          ))}
        </ul>
      )}
    </section>
  );
}

function EventItem({ event }: { event: ScannableEvent }) {
  return (
    <li className="card event-item">
      <h2>{event.name}</h2>
      <p>
        <time dateTime={event.startsAt.toISOString()}>{formatWeekdayTime(event.startsAt)}</time>
        {event.doorsAt ? (
          <>
            {" "}
            · doors <time dateTime={event.doorsAt.toISOString()}>{formatTime(event.doorsAt)}</time>
          </>
        ) : null}
      </p>
      <p className="muted">{event.venueName}</p>
      <p className="count">
        <strong>{formatCount(event.checkedIn)}</strong> of {formatCount(event.ticketsIssued)} checked in
      </p>
    </li>
  );
}
