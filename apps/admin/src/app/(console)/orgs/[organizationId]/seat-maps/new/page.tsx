import type { Metadata } from "next";
import { newDocument } from "~/features/seat-maps/editor-model.ts";
import { SeatMapEditor } from "~/features/seat-maps/seat-map-editor.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "New seat map" };

export default async function NewSeatMapPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  await requireOrganization(organizationId, "event.manage");
  await getQueryClient().prefetchQuery(trpc.venue.list.queryOptions({ organizationId, limit: 100 }));
  return (
    <HydrateClient>
      <h1>New seat map</h1>
      <SeatMapEditor organizationId={organizationId} seatMap={null} initial={newDocument()} />
    </HydrateClient>
  );
}
