import type { Metadata } from "next";
import { WaitingListPanel } from "~/features/events/waiting-list-panel.tsx";
import { requireOrganization } from "~/lib/organization.ts";

export const metadata: Metadata = { title: "Waiting list" };

export default async function Page({ params }: { params: Promise<{ organizationId: string; eventId: string }> }) {
  const { organizationId, eventId } = await params;
  await requireOrganization(organizationId, "event.view");
  return (
    <>
      <h1>Waiting list</h1>
      <WaitingListPanel organizationId={organizationId} eventId={eventId} />
    </>
  );
}
