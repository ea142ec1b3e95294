"use client";

import { CheckoutNotice, NoticeLink } from "~/components/checkout/checkout-notice.tsx";
import { useI18n } from "~/i18n/provider.tsx";

// /orders/<id> for an id that names no order: the order page's own notice, answered with a 404.
export default function OrderNotFound() {
  const { m } = useI18n();
  return (
    <CheckoutNotice heading={m.order.notFoundHeading}>
      <p>{m.order.notFoundBody}</p>
      <NoticeLink href="/find-order">{m.orderAccess.findOrder}</NoticeLink>
      <NoticeLink href="/">{m.order.browseEvents}</NoticeLink>
    </CheckoutNotice>
  );
}
