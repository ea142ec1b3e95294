import { getSessionUser } from "@marquee/ui/server/session";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountOrderView } from "~/components/account/account-order-view.tsx";
import { getI18n } from "~/i18n/server.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";
import "~/styles/account.css";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.account.accountTitle };
}

export default async function AccountOrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  if (!(await getSessionUser("web"))) redirect(`/signin?callbackUrl=${encodeURIComponent(`/account/orders/${orderId}`)}`);
  // A malformed id would only be a validation error: fetch nothing, the view says "not found".
  if (UUID.test(orderId)) await getQueryClient().prefetchQuery(trpc.account.order.queryOptions({ orderId, locale: (await getI18n()).locale }));
  return (
    <HydrateClient>
      <div className="account-page">
        <AccountOrderView orderId={orderId} />
      </div>
    </HydrateClient>
  );
}
