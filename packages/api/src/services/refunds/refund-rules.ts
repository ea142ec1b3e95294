/**
 * A goodwill refund gives money back without tickets (a bad view, a late start): it names no
 * tickets, revokes none and leaves the stock alone. Ticket refunds always name at least one.
 */
export type TRefundKind = "tickets" | "goodwill";

export const refundKindOf = (refund: { ticketIds: readonly string[] }): TRefundKind => (refund.ticketIds.length === 0 ? "goodwill" : "tickets");

/**
 * What an order can still give back: what was paid (captured, at most the order's total), minus
 * what was refunded, minus refunds still pending. Refunds check it under the order's lock; the
 * order page shows it.
 */
export function refundableMinor(
  order: { totalMinor: number; refundedMinor: number },
  payments: { status: string; capturedMinor: number }[],
  refunds: { status: string; amountMinor: number }[],
): number {
  const captured = payments.filter((p) => p.status === "CAPTURED").reduce((sum, p) => sum + p.capturedMinor, 0);
  const pending = refunds.filter((r) => r.status === "PENDING").reduce((sum, r) => sum + r.amountMinor, 0);
  return Math.max(0, Math.min(captured, order.totalMinor) - order.refundedMinor - pending);
}
