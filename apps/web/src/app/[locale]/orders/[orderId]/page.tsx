import { getServerClients } from "@marquee/api/http/server-clients";
import { orderExists } from "@marquee/api/services/checkout/record-exists";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderConfirmation } from "~/components/order/order-confirmation.tsx";
import { getI18n } from "~/i18n/server.ts";

// Per request: it reads the visitor (language, session or cart).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.order.pageTitle, robots: { index: false } };
}

export default async function OrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  // An id that names no order answers 404 (not-found.tsx shows the order's own notice).
  if (!(await orderExists(getServerClients().db, orderId))) notFound();
  // Orders belong to the cart in this browser's storage (or the signed-in account through it).
  return <OrderConfirmation orderId={orderId} />;
}
