import type { Metadata } from "next";
import { VouchersPanel } from "~/features/events/vouchers-panel.tsx";
import { requireOrganization } from "~/lib/organization.ts";

export const metadata: Metadata = { title: "Vouchers" };

export default async function Page({ params }: { params: Promise<{ organizationId: string; eventId: string }> }) {
  const { organizationId, eventId } = await params;
  await requireOrganization(organizationId, "event.manage");
  return (
    <>
      <h1>Vouchers</h1>
      <VouchersPanel organizationId={organizationId} eventId={eventId} />
    </>
  );
}
