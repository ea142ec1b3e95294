import type { Metadata } from "next";
import { TicketTypesPanel } from "~/features/events/ticket-types-panel.tsx";
import { requireOrganization } from "~/lib/organization.ts";

export const metadata: Metadata = { title: "Ticket types and prices" };

export default async function Page({ params }: { params: Promise<{ organizationId: string; eventId: string }> }) {
  const { organizationId, eventId } = await params;
  await requireOrganization(organizationId, "event.manage");
  return (
    <>
      <h1>Ticket types and prices</h1>
      <TicketTypesPanel organizationId={organizationId} eventId={eventId} />
    </>
  );
}
