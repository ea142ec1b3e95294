import type { Metadata } from "next";
import { WebhooksPanel } from "~/features/webhooks/webhooks-panel.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  await requireOrganization(organizationId, "webhook.manage");
  await getQueryClient().prefetchQuery(trpc.webhook.list.queryOptions({ organizationId }));
  return (
    <HydrateClient>
      <h1>Webhooks</h1>
      <WebhooksPanel organizationId={organizationId} />
    </HydrateClient>
  );
}
