import type { Metadata } from "next";
import { OrdersBrowser } from "~/features/orders/orders-browser.tsx";
import { RefundRequests } from "~/features/orders/refund-requests.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { roleCan } from "@marquee/api/permissions";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  const { membership } = await requireOrganization(organizationId, "order.view");
  await getQueryClient().prefetchInfiniteQuery(
    trpc.order.list.infiniteQueryOptions({ organizationId, limit: 25 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  return (
    <HydrateClient>
      <h1>Orders</h1>
      <RefundRequests organizationId={organizationId} canDecide={roleCan(membership.role, "refund.create")} />
      <OrdersBrowser organizationId={organizationId} organizationName={membership.organizationName} />
    </HydrateClient>
  );
}
