import type { Metadata } from "next";
import { EditEvent } from "~/features/events/edit-event.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Edit event" };

export default async function EditEventPage({ params }: { params: Promise<{ organizationId: string; eventId: string }> }) {
  const { organizationId, eventId } = await params;
  await requireOrganization(organizationId, "event.manage");
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.event.detail.queryOptions({ organizationId, eventId })),
    queryClient.prefetchQuery(trpc.event.places.queryOptions({ organizationId })),
  ]);
  return (
    <HydrateClient>
      <h1>Edit event</h1>
      <EditEvent organizationId={organizationId} eventId={eventId} />
    </HydrateClient>
  );
}
