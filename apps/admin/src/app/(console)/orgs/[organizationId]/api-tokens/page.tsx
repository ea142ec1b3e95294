import type { Metadata } from "next";
import { ApiTokensPanel } from "~/features/api-tokens/api-tokens-panel.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  const { membership } = await requireOrganization(organizationId, "organization.manage");
  await getQueryClient().prefetchQuery(trpc.apiToken.list.queryOptions({ organizationId, includeRevoked: false }));
  return (
    <HydrateClient>
      <h1>API tokens</h1>
      <ApiTokensPanel organizationId={organizationId} organizationName={membership.organizationName} />
    </HydrateClient>
  );
}
