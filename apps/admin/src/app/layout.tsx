import { RootDocument } from "@marquee/ui/layout";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "@marquee/ui/styles/base.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Marquee Console", template: "%s · Marquee Console" },
  description: "Run your events: sales, seating, team and check-in.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { themeColor: "#0f766e" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return <RootDocument app="admin">{children}</RootDocument>;
}
