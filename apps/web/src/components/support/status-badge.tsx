"use client";

import { useI18n } from "~/i18n/provider.tsx";

export type TConversationStatus = "OPEN" | "PENDING" | "RESOLVED";

const TONE: Record<TConversationStatus, string> = { OPEN: "badge", PENDING: "badge badge-warning", RESOLVED: "badge badge-success" };

export function StatusBadge({ status }: { status: TConversationStatus }) {
  const { m } = useI18n();
  return <span className={TONE[status]}>{m.support.status[status]}</span>;
}
