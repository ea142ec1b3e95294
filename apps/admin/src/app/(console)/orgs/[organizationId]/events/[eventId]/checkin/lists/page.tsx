import { roleCan } from "@marquee/api/permissions";
import type { Metadata } from "next";
import { ListsPanel } from "~/features/checkin/lists-panel.tsx";
import { loadCheckinEvent } from "~/features/checkin/load-checkin-event.ts";
import { HydrateClient } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Check-in lists" };

export default async function CheckinListsPage({ params }: { params: Promise<{ organizationId: string; eventId: string }> }) {
  const { organizationId, eventId } = await params;
  const { membership } = await loadCheckinEvent(organizationId, eventId);
  return (
    <HydrateClient>
      <ListsPanel organizationId={organizationId} eventId={eventId} canManage={roleCan(membership.role, "event.manage")} />
    </HydrateClient>
  );
}
