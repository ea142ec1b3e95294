import { roleCan } from "@marquee/api/permissions";
import { readFulfilmentEnv } from "@marquee/api/env";
import type { Metadata } from "next";
import { OrderDetails } from "~/features/orders/order-details.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage({ params }: { params: Promise<{ organizationId: string; orderId: string }> }) {
  const { organizationId, orderId } = await params;
  const { membership } = await requireOrganization(organizationId, "order.view");
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.order.byId.queryOptions({ organizationId, orderId })),
    queryClient.prefetchQuery(trpc.order.refunds.queryOptions({ organizationId, orderId })),
    queryClient.prefetchQuery(trpc.order.activity.queryOptions({ organizationId, orderId })),
  ]);
  return (
    <HydrateClient>
      <OrderDetails
        organizationId={organizationId}
        orderId={orderId}
        documentOrigin={readFulfilmentEnv().WEB_URL}
        canRefund={roleCan(membership.role, "refund.create")}
        canManage={roleCan(membership.role, "order.manage")}
      />
    </HydrateClient>
  );
}
