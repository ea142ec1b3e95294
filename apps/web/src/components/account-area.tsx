"use client";

import { AccountBar, MyAccountName } from "@marquee/ui/header";
import { useQueryClient } from "@tanstack/react-query";
import { signOut, useSession } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";

/** The header's right side: a sign-in link for visitors, the account and sign-out for buyers. */
export function AccountArea() {
  const { status } = useSession();
  const queryClient = useQueryClient();
  const router = useRouter();

  if (status === "loading") return <span className="muted" aria-hidden="true" />;
  if (status === "unauthenticated") {
    return (
      <Link href="/signin" className="button">
        Sign in
      </Link>
    );
  }

  // The shop stays on the page it shows (a soft sign-out), unlike the console and the scanner.
  async function onSignOut() {
    await signOut({ redirect: false });
    // Drop everything cached for this account before anyone else sees the page.
    queryClient.clear();
    router.refresh();
  }

  return (
    <AccountBar onSignOut={onSignOut}>
      <MyAccountName />
    </AccountBar>
  );
}
