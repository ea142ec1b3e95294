import { AccountBar, MyAccountName } from "@marquee/ui/header";
import { AppFrame } from "@marquee/ui/layout";
import { requireSessionUser } from "@marquee/ui/server/session";
import Link from "next/link";
import type { ReactNode } from "react";

// Every page in this group needs a signed-in organiser: checked here, on the server.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  await requireSessionUser("admin");
  const account = (
    <AccountBar>
      <MyAccountName /> <Link href="/account/security">Security</Link>
    </AccountBar>
  );
  return (
    <AppFrame brand="Marquee Console" account={account}>
      {children}
    </AppFrame>
  );
}
