import type { Metadata } from "next";
import Link from "next/link";
import { OrganizationSettingsForm } from "~/features/settings/organization-settings-form.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  await requireOrganization(organizationId, "organization.manage");
  await getQueryClient().prefetchQuery(trpc.organizationSettings.get.queryOptions({ organizationId }));
  return (
    <HydrateClient>
      <h1>Settings</h1>
      <OrganizationSettingsForm organizationId={organizationId} />
      <p>
        <Link href={`/orgs/${organizationId}/webhooks`}>Webhooks</Link>: send order, check-in and sell-out events to your own systems.
      </p>
    </HydrateClient>
  );
}
