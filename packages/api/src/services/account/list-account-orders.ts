import type { Db } from "@marquee/db";
import type { z } from "zod";
import type { TAccountOrdersOutput, ZAccountOrdersInput } from "./account-order-schemas.ts";

export const ACCOUNT_ORDER_EVENT_SELECT = {
  id: true,
  name: true,
  slug: true,
  startsAt: true,
  timezone: true,
  venue: { select: { name: true, city: true, country: true, address: true } },
} as const;

type TRefundRow = { status: "PENDING" | "SUCCEEDED" | "FAILED"; amountMinor: number };

/** Refunds newest first in, their summary out. */
export function summarizeRefunds(refunds: TRefundRow[]) {
  const count = (status: TRefundRow["status"]) => refunds.filter((refund) => refund.status === status).length;
  return {
    latestStatus: refunds[0]?.status ?? null,
    pending: count("PENDING"),
    succeeded: count("SUCCEEDED"),
    failed: count("FAILED"),
    refundedMinor: refunds.filter((refund) => refund.status === "SUCCEEDED").reduce((sum, refund) => sum + refund.amountMinor, 0),
  };
}

/** The signed-in buyer's orders, newest first, a page at a time. */
export async function listAccountOrders(deps: { db: Db }, userId: string, input: z.output<typeof ZAccountOrdersInput>): Promise<TAccountOrdersOutput> {
  const rows = await deps.db.order.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      reference: true,
      status: true,
      createdAt: true,
      currency: true,
      totalMinor: true,
      event: { select: ACCOUNT_ORDER_EVENT_SELECT },
      lines: { select: { quantity: true } },
      refunds: { select: { status: true, amountMinor: true }, orderBy: { createdAt: "desc" } },
    },
  });
  const page = rows.slice(0, input.limit);
  return {
    orders: page.map(({ lines, refunds, ...order }) => ({
      ...order,
      ticketCount: lines.reduce((sum, line) => sum + line.quantity, 0),
      refunds: summarizeRefunds(refunds),
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
