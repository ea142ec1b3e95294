import { getSessionUser } from "@marquee/ui/server/session";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { OrdersList, ordersNextPage, ordersQueryInput } from "~/components/account/orders-list.tsx";
import { ProfileForm } from "~/components/account/profile-form.tsx";
import { SecuritySection } from "~/components/account/security-section.tsx";
import { AccountDataSection } from "~/components/account/account-data-section.tsx";
import { getI18n } from "~/i18n/server.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";
import "~/styles/account.css";

// Per request and per buyer: never cached or built ahead.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.account.accountTitle };
}

export default async function AccountPage() {
  if (!(await getSessionUser("web"))) redirect("/signin?callbackUrl=/account");
  const { m } = await getI18n();
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.account.me.queryOptions()),
    queryClient.prefetchInfiniteQuery(trpc.account.orders.infiniteQueryOptions(ordersQueryInput, { getNextPageParam: ordersNextPage })),
  ]);
  return (
    <HydrateClient>
      <div className="account-page">
        <h1>{m.account.accountTitle}</h1>
        <section className="account-section" aria-labelledby="orders-heading">
          <h2 id="orders-heading">{m.account.ordersHeading}</h2>
          <OrdersList />
        </section>
        <section className="card account-section" aria-labelledby="profile-heading">
          <h2 id="profile-heading">{m.account.profileHeading}</h2>
          <ProfileForm />
        </section>
        <section className="card account-section" aria-labelledby="security-heading">
          <h2 id="security-heading">{m.account.securityHeading}</h2>
          <SecuritySection />
        </section>
        <section className="card account-section" aria-labelledby="data-heading">
          <h2 id="data-heading">{m.security.dataHeading}</h2>
          <AccountDataSection />
        </section>
      </div>
    </HydrateClient>
  );
}
