"use client";

import { CheckoutNotice, NoticeLink } from "~/components/checkout/checkout-notice.tsx";
import { useI18n } from "~/i18n/provider.tsx";

// /checkout/<id> for an id that names no hold: the checkout's own notice, answered with a 404.
export default function CheckoutNotFound() {
  const { m } = useI18n();
  return (
    <CheckoutNotice heading={m.checkout.notFoundHeading}>
      <p>{m.checkout.notFoundBody}</p>
      <NoticeLink href="/">{m.checkout.browseEvents}</NoticeLink>
    </CheckoutNotice>
  );
}
