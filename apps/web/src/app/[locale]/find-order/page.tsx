import type { Metadata } from "next";
import { FindOrderForm } from "~/components/order-access/find-order-form.tsx";
import { getI18n } from "~/i18n/server.ts";
import "~/styles/order-access.css";

// Per request: it reads the visitor (language).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.orderAccess.findTitle, robots: { index: false } };
}

/** "Find my order": a buyer without the e-mail (or on another device) asks for the order's link again. */
export default async function FindOrderPage() {
  const { m } = await getI18n();
  return (
    <div className="find-order-page narrow">
      <h1>{m.orderAccess.findTitle}</h1>
      <p className="muted">{m.orderAccess.findIntro}</p>
      <FindOrderForm />
    </div>
  );
}
