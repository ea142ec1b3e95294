"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { formatCount, formatDateTime } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { STATUS_LABEL } from "~/lib/labels.ts";
import { orgPath } from "~/lib/org-path.ts";

type OrganizationEvent = AdminRouterOutputs["event"]["listForOrganization"][number];

/** The organisation's events with capacity and tickets sold. */
export function EventsTable({ organizationId, organizationName }: { organizationId: string; organizationName: string }) {
  const trpc = useTRPC();
  const events = useQuery(trpc.event.listForOrganization.queryOptions({ organizationId }));
  const [status, setStatus] = useState<OrganizationEvent["status"] | "">("");

  if (events.isPending) return <p className="muted">Loading events…</p>;
  if (events.isError) return <QueryError error={events.error} onRetry={() => void events.refetch()} />;
  if (events.data.length === 0) return <p className="card muted">No events yet.</p>;
  const shown = status ? events.data.filter((event) => event.status === status) : events.data;

  return (
    <>
      <div className="field status-filter">
        <label htmlFor="status-filter">Status</label>
        <select id="status-filter" value={status} onChange={(e) => setStatus(e.target.value as OrganizationEvent["status"] | "")}>
          <option value="">All</option>
          {Object.entries(STATUS_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="table-wrap card">
        <table>
          <caption className="visually-hidden">Events of {organizationName}</caption>
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
            {shown.map((event) => (
              <EventRow key={event.id} event={event} organizationId={organizationId} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function EventRow({ event, organizationId }: { event: OrganizationEvent; organizationId: string }) {
  return (
    <tr>
      <th scope="row">
        <Link className="event-name" href={orgPath(organizationId, `/events/${event.id}`)}>
          {event.name}
        </Link>
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
