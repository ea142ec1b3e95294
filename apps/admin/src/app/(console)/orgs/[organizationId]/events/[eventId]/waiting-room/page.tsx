import type { Metadata } from "next";
import { WaitingRoomForm } from "~/features/events/waiting-room-form.tsx";
import { requireOrganization } from "~/lib/organization.ts";

export const metadata: Metadata = { title: "Waiting room" };

export default async function Page({ params }: { params: Promise<{ organizationId: string; eventId: string }> }) {
  const { organizationId, eventId } = await params;
  await requireOrganization(organizationId, "event.manage");
  return (
    <>
      <h1>Waiting room</h1>
      <WaitingRoomForm organizationId={organizationId} eventId={eventId} />
    </>
  );
}
