import type { Metadata } from "next";
import { OrderConfirmation } from "~/components/order/order-confirmation";
import { getI18n } from "~/i18n/server";

// Per request: it reads the visitor (language, session or cart).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.order.pageTitle, robots: { index: false } };
}

export default async function OrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  // Orders belong to the cart in this browser's storage (or the signed-in account through it).
  return <OrderConfirmation orderId={orderId} />;
}
