"use client";

import Link from "next/link";
import { type ReactNode, useEffect, useRef } from "react";

/** A full-page state (not found, expired, released...): heading focused so it is read out. */
export function CheckoutNotice({ heading, children, tone = "info" }: { heading: string; children: ReactNode; tone?: "info" | "warning" }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className={`card checkout-notice checkout-notice-${tone}`} aria-labelledby="checkout-notice-heading">
      <h1 id="checkout-notice-heading" ref={ref} tabIndex={-1}>
        {heading}
      </h1>
      {children}
    </section>
  );
}

export function NoticeLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p>
      <Link href={href} className="button button-primary">
        {children}
      </Link>
    </p>
  );
}
