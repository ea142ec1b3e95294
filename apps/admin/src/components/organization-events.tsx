"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { roleCan } from "@marquee/api/permissions";
import { formatCount, formatDateTime } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ROLE_LABEL, STATUS_LABEL } from "~/lib/labels.ts";

type Team = AdminRouterOutputs["account"]["me"]["teams"][number];
type OrganizationEvent = AdminRouterOutputs["event"]["listForOrganization"][number];

/** The signed-in user's organisations, and the events of the selected one (`?org=<id>`). */
export function OrganizationEvents({ selectedOrganizationId }: { selectedOrganizationId?: string }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());

  if (me.isPending) return <p className="muted">Loading your organisations…</p>;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;

  const teams = me.data.teams;
  if (teams.length === 0) {
    return (
      <section className="card">
        <h1>No organisations yet</h1>
        <p className="muted">Your account is not on any organisation&apos;s team. Ask an owner to invite you.</p>
      </section>
    );
  }
  const selected = teams.find((team) => team.id === selectedOrganizationId) ?? teams[0]!;

  return (
    <div className="console-grid">
      <nav aria-labelledby="organisations-heading" className="card">
        <h2 id="organisations-heading">Your organisations</h2>
        <ul className="organisation-list">
          {teams.map((team) => (
            <li key={team.id}>
              <Link href={`/?org=${team.id}`} aria-current={team.id === selected.id ? "page" : undefined} className="organisation-link">
                <span>{team.name}</span>
                <span className="muted small">{ROLE_LABEL[team.role]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="events-heading">
        <h1 id="events-heading">{selected.name}</h1>
        {roleCan(selected.role, "event.view") ? (
          <EventsTable team={selected} />
        ) : (
          <p className="card">Your role here ({ROLE_LABEL[selected.role]}) does not include the events list. Door staff work in the check-in app.</p>
        )}
      </section>
    </div>
  );
}

function EventsTable({ team }: { team: Team }) {
  const trpc = useTRPC();
  const events = useQuery(trpc.event.listForOrganization.queryOptions({ organizationId: team.id }));

  if (events.isPending) return <p className="muted">Loading events…</p>;
  if (events.isError) return <QueryError error={events.error} onRetry={() => void events.refetch()} />;
  if (events.data.length === 0) return <p className="card muted">No events yet.</p>;

  return (
    <div className="table-wrap card">
      <table>
        <caption className="visually-hidden">Events of {team.name}</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Date</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Capacity
            </th>
            <th scope="col" className="numeric">
              Sold
            </th>
          </tr>
        </thead>
        <tbody>
          {events.data.map((event) => (
            <EventRow key={event.id} event={event} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EventRow({ event }: { event: OrganizationEvent }) {
  return (
    <tr>
      <th scope="row">
        <span className="event-name">{event.name}</span>
        <span className="muted small">
          {event.venueName} · {event.seatingMode === "RESERVED" ? "Reserved seating" : "General admission"}
        </span>
      </th>
      <td>
        <time dateTime={event.startsAt.toISOString()}>{formatDateTime(event.startsAt)}</time>
      </td>
      <td>
        <span className={`badge status-${event.status.toLowerCase()}`}>{STATUS_LABEL[event.status]}</span>
      </td>
      <td className="numeric">{formatCount(event.capacity)}</td>
      <td className="numeric">{formatCount(event.ticketsSold)}</td>
    </tr>
  );
}

function QueryError({ error, onRetry }: { error: { message: string }; onRetry: () => void }) {
  if (appErrorOf(error).code === "UNAUTHORIZED") {
    return (
      <p className="alert" role="alert">
        Your session has ended. <a href="/signin">Sign in again</a>.
      </p>
    );
  }
  return (
    <div className="alert" role="alert">
      <p>Something went wrong: {error.message}</p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
