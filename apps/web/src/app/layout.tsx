import { AppFrame, RootDocument } from "@marquee/ui/layout";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { AccountArea } from "~/components/account-area";
import "@marquee/ui/styles/base.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Marquee — tickets for live events", template: "%s · Marquee" },
  description: "Concerts, theatre and shows: fair queues, real seats, instant tickets.",
};

export const viewport: Viewport = { themeColor: "#4338ca" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <RootDocument app="web">
      <AppFrame brand="Marquee" account={<AccountArea />}>
        {children}
      </AppFrame>
    </RootDocument>
  );
}
