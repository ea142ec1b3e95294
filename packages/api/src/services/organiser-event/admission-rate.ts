/**
 * The waiting room's suggested outflow. Every admitted buyer may hold up to `ticketsPerOrder`
 * tickets for the hold's lifetime; of those admitted, about `conversion` buy. Admitting R buyers a
 * minute, one hold lifetime (T minutes) sees R x T buyers who are expected to buy
 * R x T x conversion x ticketsPerOrder tickets. The safe rate keeps that within the stock (times
 * the overbooking factor), so buyers are never let in faster than the stock can serve them:
 *
 *     R = stock x overbook / (T x conversion x ticketsPerOrder)
 *
 * and a queue of N people drains in N / R minutes.
 */
export interface TAdmissionRateInput {
  /** Tickets still for sale. */
  stock: number;
  holdTtlSeconds: number;
  /** Share of admitted buyers who buy (0 < c <= 1). */
  conversion: number;
  ticketsPerOrder: number;
  /** 100 = admit exactly the stock. */
  overbookPct: number;
}

export function suggestAdmissionRate(input: TAdmissionRateInput): number {
  const holdMinutes = Math.max(1, input.holdTtlSeconds) / 60;
  const demand = holdMinutes * Math.min(1, Math.max(0.01, input.conversion)) * Math.max(1, input.ticketsPerOrder);
  return Math.max(1, Math.floor((Math.max(0, input.stock) * (input.overbookPct / 100)) / demand));
}

/** Minutes until `queued` people are admitted at `perMinute`. */
export const queueDrainMinutes = (queued: number, perMinute: number) => Math.ceil(queued / Math.max(1, perMinute));
