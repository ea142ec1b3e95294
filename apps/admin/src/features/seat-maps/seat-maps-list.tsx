"use client";

import { formatCount } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { QueryError } from "~/components/query-error.tsx";

/** The organisation's seat maps (newest version of each), with their venue, seats and events. */
export function SeatMapsList({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const maps = useQuery(trpc.seatMap.list.queryOptions({ organizationId }));
  if (maps.isPending) return <p className="muted">Loading seat maps…</p>;
  if (maps.isError) return <QueryError error={maps.error} onRetry={() => void maps.refetch()} />;
  if (maps.data.seatMaps.length === 0) return <p className="card muted">No seat maps yet.</p>;
  return (
    <div className="table-wrap card">
      <table>
        <caption className="visually-hidden">Seat maps</caption>
        <thead>
          <tr>
            <th scope="col">Seat map</th>
            <th scope="col">Version</th>
            <th scope="col" className="numeric">
              Seats
            </th>
            <th scope="col" className="numeric">
              Events
            </th>
          </tr>
        </thead>
        <tbody>
          {maps.data.seatMaps.map((map) => (
            <tr key={map.id}>
              <th scope="row">
                <Link href={`/orgs/${organizationId}/seat-maps/${map.id}`} className="event-name">
                  {map.name}
                </Link>
                <span className="muted small">
                  {map.venue.name}
                  {map.drawnInEditor ? "" : " · drawn outside the editor"}
                </span>
              </th>
              <td>{map.version}</td>
              <td className="numeric">{formatCount(map.seatCount)}</td>
              <td className="numeric">{formatCount(map.eventCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
