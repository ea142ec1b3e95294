import type { Metadata } from "next";
import { ScannerApp } from "~/components/scanner/scanner-app.tsx";

// The door scanner: a static page (precached by the service worker) that runs entirely in the
// browser on the device credential stored in IndexedDB. No cookie session here.
export const metadata: Metadata = { title: "Scanner" };
export const dynamic = "force-static";

export default function ScanPage() {
  return <ScannerApp />;
}
