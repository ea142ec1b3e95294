import type { Metadata } from "next";
import { EventsTable } from "~/features/events/events-table.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Events" };

export default async function EventsPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  const { membership } = await requireOrganization(organizationId, "event.view");
  await getQueryClient().prefetchQuery(trpc.event.listForOrganization.queryOptions({ organizationId }));
  return (
    <HydrateClient>
      <h1>Events</h1>
      <EventsTable organizationId={organizationId} organizationName={membership.organizationName} />
    </HydrateClient>
  );
}
