import type { Metadata } from "next";
import Link from "next/link";
import { DemandPricingPanel } from "~/features/pricing/demand-pricing-panel.tsx";
import { requireOrganization } from "~/lib/organization.ts";

export const metadata: Metadata = { title: "Demand pricing" };

export default async function Page({ params }: { params: Promise<{ organizationId: string; eventId: string; ticketTypeId: string }> }) {
  const { organizationId, eventId, ticketTypeId } = await params;
  await requireOrganization(organizationId, "event.view");
  return (
    <>
      <p>
        <Link href={`/orgs/${organizationId}/events/${eventId}/ticket-types`}>← Ticket types</Link>
      </p>
      <h1>Demand pricing</h1>
      <DemandPricingPanel organizationId={organizationId} ticketTypeId={ticketTypeId} />
    </>
  );
}
