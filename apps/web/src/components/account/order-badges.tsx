"use client";

import type { RouterOutputs } from "@marquee/api";
import { useI18n } from "~/i18n/provider.tsx";

type TOrderStatus = RouterOutputs["account"]["order"]["status"];
type TRefundStatus = RouterOutputs["account"]["order"]["refunds"][number]["status"];

const ORDER_TONE: Record<TOrderStatus, string> = {
  PENDING: "badge badge-warning",
  PAID: "badge badge-success",
  CANCELLED: "badge account-badge-muted",
  EXPIRED: "badge account-badge-muted",
  PARTIALLY_REFUNDED: "badge",
  REFUNDED: "badge",
};

const REFUND_TONE: Record<TRefundStatus, string> = {
  PENDING: "badge badge-warning",
  SUCCEEDED: "badge badge-success",
  FAILED: "badge account-badge-danger",
};

/** The order's status as a badge (its words, never colour alone). */
export function OrderStatusBadge({ status }: { status: TOrderStatus }) {
  const { m } = useI18n();
  return <span className={ORDER_TONE[status]}>{m.account.orderStatus[status]}</span>;
}

export function RefundStatusBadge({ status }: { status: TRefundStatus }) {
  const { m } = useI18n();
  return <span className={REFUND_TONE[status]}>{m.account.refundStatus[status]}</span>;
}
