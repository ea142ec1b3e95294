import { getServerClients } from "@marquee/api/http/server-clients";
import { orderExists } from "@marquee/api/services/checkout/record-exists";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderAccessGate } from "~/components/order-access/order-access-gate.tsx";
import { getI18n } from "~/i18n/server.ts";

// Per request: it reads the visitor (language, session or cart).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  // An e-mailed link's token sits in the fragment, which no Referer carries; links out of the page name only the origin.
  return { title: m.order.pageTitle, robots: { index: false }, referrer: "strict-origin" };
}

export default async function OrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  // An id that names no order answers 404 (not-found.tsx shows the order's own notice).
  if (!(await orderExists(getServerClients().db, orderId))) notFound();
  // Opened with an e-mailed link it shows the order anywhere; otherwise through this browser's cart (or the signed-in account).
  return <OrderAccessGate orderId={orderId} />;
}
