import type { Metadata } from "next";
import { publicRealtimeConfig } from "~/env.ts";
import { CheckinProgress } from "~/features/checkin/checkin-progress.tsx";
import { loadCheckinEvent } from "~/features/checkin/load-checkin-event.ts";

export const metadata: Metadata = { title: "Check-in" };

export default async function CheckinPage({ params }: { params: Promise<{ organizationId: string; eventId: string }> }) {
  const { organizationId, eventId } = await params;
  await loadCheckinEvent(organizationId, eventId);
  return <CheckinProgress organizationId={organizationId} eventId={eventId} realtime={publicRealtimeConfig()} />;
}
