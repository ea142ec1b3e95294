import { getServerClients } from "@marquee/api/http/server-clients";
import { holdExists } from "@marquee/api/services/checkout/record-exists";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CheckoutView } from "~/components/checkout/checkout-view.tsx";
import { paymentConfig } from "~/components/checkout/env.ts";
import { getI18n } from "~/i18n/server.ts";

// Per request: the payment mode comes from the server's environment at run time, not the build.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.checkout.pageTitle, robots: { index: false } };
}

export default async function CheckoutPage({ params }: { params: Promise<{ holdId: string }> }) {
  const { holdId } = await params;
  // An id that names no hold answers 404 (not-found.tsx shows the checkout's own notice).
  if (!(await holdExists(getServerClients().db, holdId))) notFound();
  // The hold belongs to the cart in this browser's storage, so it is read in the browser.
  return <CheckoutView holdId={holdId} payment={paymentConfig()} />;
}
