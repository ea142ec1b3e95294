import type { Metadata } from "next";
import { OrdersBrowser } from "~/features/orders/orders-browser.tsx";
import { orderListInput, parseOrderSearch } from "~/features/orders/orders-search.ts";
import { RefundRequests } from "~/features/orders/refund-requests.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { roleCan } from "@marquee/api/permissions";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage({
  params,
  searchParams,
}: {
  params: Promise<{ organizationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { organizationId } = await params;
  const { membership } = await requireOrganization(organizationId, "order.view");
  const search = parseOrderSearch(await searchParams);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchInfiniteQuery(
      trpc.order.list.infiniteQueryOptions(orderListInput(organizationId, search), { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    ),
    queryClient.prefetchQuery(trpc.event.listForOrganization.queryOptions({ organizationId })),
  ]);
  return (
    <HydrateClient>
      <h1>Orders</h1>
      <RefundRequests organizationId={organizationId} canDecide={roleCan(membership.role, "refund.create")} />
      <OrdersBrowser organizationId={organizationId} organizationName={membership.organizationName} search={search} />
    </HydrateClient>
  );
}
