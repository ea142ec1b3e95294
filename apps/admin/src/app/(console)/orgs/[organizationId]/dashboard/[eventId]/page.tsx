import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { publicRealtimeConfig } from "~/env.ts";
import { EventDashboard } from "~/features/dashboard/event-dashboard.tsx";
import { DEFAULT_RANGE } from "~/features/dashboard/dashboard-range.ts";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Event dashboard" };

export default async function EventDashboardPage({ params }: { params: Promise<{ organizationId: string; eventId: string }> }) {
  const { organizationId, eventId } = await params;
  await requireOrganization(organizationId, "event.view");
  if (!z.uuid().safeParse(eventId).success) notFound();
  const options = trpc.dashboard.event.queryOptions({ organizationId, eventId, range: DEFAULT_RANGE, timeZone: "UTC" });
  // Another organisation's event (or none): the console's 404, not an error box.
  const found = await getQueryClient()
    .fetchQuery(options)
    .then(() => true)
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === "NOT_FOUND") return false;
      throw error;
    });
  if (!found) notFound();
  return (
    <HydrateClient>
      <EventDashboard organizationId={organizationId} eventId={eventId} realtime={publicRealtimeConfig()} />
    </HydrateClient>
  );
}
