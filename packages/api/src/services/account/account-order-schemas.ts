import { z } from "zod";
import { ZOrderOutput } from "../checkout/checkout-schemas.ts";
import { ZOrderRefundsOutput } from "../refunds/refund-schemas.ts";

const ZRefundStatus = z.enum(["PENDING", "SUCCEEDED", "FAILED"]);

/** The event an order is for, as the buyer's order pages show it. */
export const ZAccountOrderEvent = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  startsAt: z.date(),
  timezone: z.string(),
  venue: z.object({ name: z.string(), city: z.string(), country: z.string(), address: z.string().nullable() }),
});

/** How an order's refunds stand: counts per status and the newest refund's status (null: none). */
export const ZRefundSummary = z.object({
  latestStatus: ZRefundStatus.nullable(),
  pending: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  /** What has come back to the buyer so far (succeeded refunds). */
  refundedMinor: z.number().int(),
});

export const ZAccountOrdersInput = z
  .object({
    limit: z.number().int().min(1).max(100).default(20),
    /** The last order id of the previous page. */
    cursor: z.uuid().nullish(),
  })
  .default({ limit: 20 });

export const ZAccountOrderSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: ZOrderOutput.shape.status,
  createdAt: z.date(),
  currency: z.string(),
  totalMinor: z.number().int(),
  ticketCount: z.number().int(),
  event: ZAccountOrderEvent,
  refunds: ZRefundSummary,
});

export const ZAccountOrdersOutput = z.object({ orders: z.array(ZAccountOrderSummary), nextCursor: z.uuid().nullable() });
export type TAccountOrdersOutput = z.infer<typeof ZAccountOrdersOutput>;

/** order.get's answer plus the event (with its ticket type names, for lines before tickets exist) and the order's refunds. */
export const ZAccountOrderOutput = ZOrderOutput.extend({
  event: ZAccountOrderEvent.extend({ ticketTypes: z.array(z.object({ id: z.uuid(), name: z.string() })) }),
  refunds: ZOrderRefundsOutput,
});
export type TAccountOrderOutput = z.infer<typeof ZAccountOrderOutput>;
