import { redirect } from "next/navigation";
import { requireOrganization } from "~/lib/organization.ts";

// The organisation's home is its events list.
export default async function OrganizationHome({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  await requireOrganization(organizationId);
  redirect(`/orgs/${organizationId}/events`);
}
