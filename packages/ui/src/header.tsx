"use client";

import { useQuery } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import Link from "next/link";
import type { ReactNode } from "react";
import { useTRPC } from "./trpc/react.tsx";

/** The bar at the top of every app: its name, linking home, and whatever goes on the right. */
export function AppHeader({ brand, children }: { brand: string; children?: ReactNode }) {
  return (
    <header className="site-header">
      <div className="container site-header-inner">
        <Link href="/" className="brand">
          {brand}
        </Link>
        {children}
      </div>
    </header>
  );
}

// A full navigation: nothing of this account stays cached in the tab (shared door devices too).
const signOutToSignInPage = () => signOut({ callbackUrl: "/signin" });

/** Who is signed in (the children) and a sign-out button; by default it signs out to /signin. */
export function AccountBar({ children, onSignOut = signOutToSignInPage }: { children: ReactNode; onSignOut?: () => Promise<unknown> }) {
  return (
    <div className="account">
      <span>{children}</span>
      <button type="button" className="button" onClick={() => void onSignOut()}>
        Sign out
      </button>
    </div>
  );
}

export function SignedInAs({ name }: { name: string }) {
  return (
    <>
      Signed in as <strong>{name}</strong>
    </>
  );
}

/** "Signed in as …" from `account.me`, for pages that do not have the user at hand. */
export function MyAccountName() {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  if (me.data) return <SignedInAs name={me.data.name ?? me.data.email} />;
  return me.isError ? "Signed in" : "Loading account…";
}
