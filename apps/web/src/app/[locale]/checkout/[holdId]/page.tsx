import type { Metadata } from "next";
import { CheckoutView } from "~/components/checkout/checkout-view";
import { paymentConfig } from "~/components/checkout/env";
import { getI18n } from "~/i18n/server";

// Per request: the payment mode comes from the server's environment at run time, not the build.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.checkout.pageTitle, robots: { index: false } };
}

export default async function CheckoutPage({ params }: { params: Promise<{ holdId: string }> }) {
  const { holdId } = await params;
  // The hold belongs to the cart in this browser's storage, so it is read in the browser.
  return <CheckoutView holdId={holdId} payment={paymentConfig()} />;
}
