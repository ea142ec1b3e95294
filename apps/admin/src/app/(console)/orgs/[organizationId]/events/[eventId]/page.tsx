import { roleCan } from "@marquee/api/permissions";
import type { Metadata } from "next";
import { EventOverview } from "~/features/events/event-overview.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Event" };

export default async function EventPage({ params }: { params: Promise<{ organizationId: string; eventId: string }> }) {
  const { organizationId, eventId } = await params;
  const { membership } = await requireOrganization(organizationId, "event.view");
  await getQueryClient().prefetchQuery(trpc.event.detail.queryOptions({ organizationId, eventId }));
  return (
    <HydrateClient>
      <EventOverview organizationId={organizationId} eventId={eventId} canManage={roleCan(membership.role, "event.manage")} />
    </HydrateClient>
  );
}
