"use client";

import Link from "next/link";
import { LocaleSwitcher } from "~/components/locale-switcher.tsx";
import { useI18n } from "~/i18n/provider.tsx";
// Registers the cart's request headers for every tRPC call of the site (module side effect).
import "~/lib/cart-store.ts";

export function SiteFooter() {
  const { m } = useI18n();
  return (
    <footer className="site-footer">
      <div className="container site-footer-inner">
        <p className="muted">
          {m.common.brand} — {m.common.footerTagline}
        </p>
        <nav aria-label={m.orderAccess.footerHelp} className="site-footer-links">
          <Link href="/support">{m.common.footerContact}</Link>
          <Link href="/find-order">{m.orderAccess.findOrder}</Link>
        </nav>
        <LocaleSwitcher />
      </div>
    </footer>
  );
}
