import type { Metadata } from "next";
import Link from "next/link";
import { TwoFactorPanel } from "~/features/security/two-factor-panel.tsx";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Security" };

// Personal, outside any organisation: reachable even when an organisation's policy sends its owners here.
export default async function SecurityPage() {
  await getQueryClient().prefetchQuery(trpc.twoFactor.status.queryOptions());
  return (
    <HydrateClient>
      <h1>Security</h1>
      <p className="muted">
        Two-factor sign-in asks for a code from your phone after your password. <Link href="/">Back to the console</Link>
      </p>
      <TwoFactorPanel />
    </HydrateClient>
  );
}
