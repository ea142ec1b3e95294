"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { signOut, useSession } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useI18n } from "~/i18n/provider.tsx";
import { forgetCart } from "~/lib/cart-store.ts";
import "~/styles/account.css";

/** The header's right side: a sign-in link for visitors; the account link, name and sign-out for buyers. */
export function AccountArea() {
  const { status } = useSession();
  const { m } = useI18n();
  const queryClient = useQueryClient();
  const router = useRouter();

  if (status === "loading") return <span className="muted" aria-hidden="true" />;
  if (status === "unauthenticated") {
    return (
      <Link href="/signin" className="button">
        {m.common.signIn}
      </Link>
    );
  }

  // The shop stays on the page it shows (a soft sign-out), unlike the console and the scanner.
  async function onSignOut() {
    await signOut({ redirect: false });
    // Drop everything cached for this account, and its cart, before anyone else sees the page.
    queryClient.clear();
    forgetCart();
    router.refresh();
  }

  return (
    <div className="account account-area">
      <span className="account-area-name">
        <AccountName />
      </span>
      <Link href="/account" className="button">
        {m.common.myAccount}
      </Link>
      <button type="button" className="button" onClick={() => void onSignOut()}>
        {m.common.signOut}
      </button>
    </div>
  );
}

/** "Signed in as …" from account.me. */
function AccountName() {
  const { m } = useI18n();
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  if (me.data) {
    return (
      <>
        {m.common.signedInAs} <strong>{me.data.name ?? me.data.email}</strong>
      </>
    );
  }
  return me.isError ? null : <span className="muted">{m.common.loading}</span>;
}
