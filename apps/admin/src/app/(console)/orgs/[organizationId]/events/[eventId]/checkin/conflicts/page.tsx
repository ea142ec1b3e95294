import type { Metadata } from "next";
import { publicRealtimeConfig } from "~/env.ts";
import { ConflictsPanel } from "~/features/checkin/conflicts-panel.tsx";
import { loadCheckinEvent } from "~/features/checkin/load-checkin-event.ts";

export const metadata: Metadata = { title: "Check-in conflicts" };

export default async function CheckinConflictsPage({ params }: { params: Promise<{ organizationId: string; eventId: string }> }) {
  const { organizationId, eventId } = await params;
  const { event } = await loadCheckinEvent(organizationId, eventId);
  return <ConflictsPanel organizationId={organizationId} eventId={eventId} timeZone={event.timezone} realtime={publicRealtimeConfig()} />;
}
