import { z } from "zod";

// The booking queue's job names and payloads, defined once: packages/api enqueues them and the
// booking worker (apps/workers) registers handlers for them. Same name as QUEUE_NAMES.booking.
export const BOOKING_QUEUE = "marquee.booking";

export const ZExpireHoldPayload = z.object({ holdId: z.uuid() });
export type TExpireHoldPayload = z.infer<typeof ZExpireHoldPayload>;

export const ZSweepHoldsPayload = z.object({});

export const bookingJobs = {
  /** Delayed to the hold's expiresAt; jobId is derived from the hold id, so it is added once. */
  expireHold: { queue: BOOKING_QUEUE, name: "hold.expire", schema: ZExpireHoldPayload },
  /** Expires every ACTIVE hold past expiresAt that its delayed job missed (on demand; the booking worker also sweeps every HOLD_SWEEP_EVERY_MS). */
  sweepHolds: { queue: BOOKING_QUEUE, name: "hold.sweep", schema: ZSweepHoldsPayload },
} as const;

export const HOLD_SWEEP_EVERY_MS = 15_000;

/** BullMQ custom job ids may not contain ':'. */
export const expireHoldJobId = (holdId: string) => `hold-expire-${holdId}`;
