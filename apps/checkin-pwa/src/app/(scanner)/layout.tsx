import { AccountBar, SignedInAs } from "@marquee/ui/header";
import { AppFrame } from "@marquee/ui/layout";
import { requireSessionUser } from "@marquee/ui/server/session";
import type { ReactNode } from "react";

// Every page in this group needs signed-in door staff: checked here, on the server.
export default async function ScannerLayout({ children }: { children: ReactNode }) {
  const user = await requireSessionUser("checkin");
  // AccountBar signs out with a full navigation: nothing of this account stays on a shared door device.
  const account = (
    <AccountBar>
      <SignedInAs name={user.name ?? user.email} />
    </AccountBar>
  );
  return (
    <AppFrame brand="Marquee Check-in" account={account}>
      {children}
    </AppFrame>
  );
}
