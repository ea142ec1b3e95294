import type { Metadata } from "next";
import Link from "next/link";
import { SeatMapsList } from "~/features/seat-maps/seat-maps-list.tsx";
import { orgPath, requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Seat maps" };

export default async function SeatMapsPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  await requireOrganization(organizationId, "event.manage");
  await getQueryClient().prefetchQuery(trpc.seatMap.list.queryOptions({ organizationId }));
  return (
    <HydrateClient>
      <div className="page-heading">
        <h1>Seat maps</h1>
        <Link className="button button-primary" href={orgPath(organizationId, "/seat-maps/new")}>
          New seat map
        </Link>
      </div>
      <SeatMapsList organizationId={organizationId} />
    </HydrateClient>
  );
}
