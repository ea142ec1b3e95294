import type { Metadata } from "next";
import { EventForm } from "~/features/events/event-form.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "New event" };

export default async function NewEventPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  await requireOrganization(organizationId, "event.manage");
  await getQueryClient().prefetchQuery(trpc.event.places.queryOptions({ organizationId }));
  return (
    <HydrateClient>
      <h1>New event</h1>
      <EventForm organizationId={organizationId} />
    </HydrateClient>
  );
}
