import type { Metadata } from "next";
import { publicRealtimeConfig } from "~/env.ts";
import { OrganizationDashboard } from "~/features/dashboard/organization-dashboard.tsx";
import { DEFAULT_RANGE } from "~/features/dashboard/dashboard-range.ts";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  const { membership } = await requireOrganization(organizationId, "event.view");
  await getQueryClient().prefetchQuery(trpc.dashboard.organization.queryOptions({ organizationId, range: DEFAULT_RANGE, timeZone: "UTC" }));
  return (
    <HydrateClient>
      <h1>Dashboard · {membership.organizationName}</h1>
      <OrganizationDashboard organizationId={organizationId} realtime={publicRealtimeConfig()} />
    </HydrateClient>
  );
}
