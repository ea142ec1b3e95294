import { RootDocument } from "@marquee/ui/layout";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "@marquee/ui/styles/base.css";
import "./globals.css";

export const metadata: Metadata = {
  applicationName: "Marquee Check-in",
  title: { default: "Marquee Check-in", template: "%s · Marquee Check-in" },
  description: "Scan tickets at the door, online or offline.",
  robots: { index: false, follow: false },
  appleWebApp: { capable: true, title: "Check-in", statusBarStyle: "black-translucent" },
  icons: { icon: "/icons/icon.svg", apple: "/icons/icon-192.png" },
};

export const viewport: Viewport = { themeColor: "#0b1020", colorScheme: "dark", width: "device-width", initialScale: 1, viewportFit: "cover" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return <RootDocument app="checkin">{children}</RootDocument>;
}
