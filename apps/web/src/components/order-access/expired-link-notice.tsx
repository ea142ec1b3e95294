"use client";

import { CheckoutNotice, NoticeLink } from "~/components/checkout/checkout-notice.tsx";
import { useI18n } from "~/i18n/provider.tsx";

/** A wrong, tampered or expired order link: says so, shows nothing of the order, offers "Find my order". */
export function ExpiredLinkNotice() {
  const { m } = useI18n();
  return (
    <CheckoutNotice heading={m.orderAccess.expiredHeading} tone="warning">
      <p>{m.orderAccess.expiredBody}</p>
      <NoticeLink href="/find-order">{m.orderAccess.findOrder}</NoticeLink>
    </CheckoutNotice>
  );
}
