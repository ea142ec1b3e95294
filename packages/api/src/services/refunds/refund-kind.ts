/**
 * A goodwill refund gives money back without tickets (a bad view, a late start): it names no
 * tickets, revokes none and leaves the stock alone. Ticket refunds always name at least one.
 */
export type TRefundKind = "tickets" | "goodwill";

export const refundKindOf = (refund: { ticketIds: readonly string[] }): TRefundKind => (refund.ticketIds.length === 0 ? "goodwill" : "tickets");
