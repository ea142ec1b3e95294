import type { Metadata } from "next";
import { DevicesPanel } from "~/features/checkin/devices-panel.tsx";
import { loadCheckinEvent } from "~/features/checkin/load-checkin-event.ts";
import { requireOrganization } from "~/lib/organization.ts";

export const metadata: Metadata = { title: "Scanner devices" };

export default async function CheckinDevicesPage({ params }: { params: Promise<{ organizationId: string; eventId: string }> }) {
  const { organizationId, eventId } = await params;
  await requireOrganization(organizationId, "device.manage");
  await loadCheckinEvent(organizationId, eventId);
  return <DevicesPanel organizationId={organizationId} eventId={eventId} />;
}
