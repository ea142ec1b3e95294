/**
 * Redis keys of one event's waiting room. They share the inventory's {eventId} hash tag, so one
 * Lua script can weigh the queue against the stock in a single atomic step.
 */
export function queueKeys(prefix: string, eventId: string) {
  const base = `${prefix}:wr:{${eventId}}`;
  return {
    /** ZSET queueTicketId -> sortKey of everyone still waiting (random in [0,1) for the pre-queue, join time in ms after). */
    waiting: `${base}:waiting`,
    /** ZSET queueTicketId -> admission expiry (ms) of admitted buyers who have not used their token yet. */
    admitted: `${base}:admitted`,
    /** HASH: closed ("1" once sold out), seatTotal, admittedTotal, rate (admissions/s), rateAt, rateTotal, cursor, tokens/tokensAt (outflow cap). */
    state: `${base}:state`,
    /** Present once the waiting room was built from PostgreSQL. */
    ready: `${base}:ready`,
    /** Held only while a rebuild runs. */
    lock: `${base}:lock`,
    /** Held by the process running this step's admissions (200 ms). */
    tick: `${base}:tick`,
    /** Held by the process running this second's housekeeping (close, ETA rate, positions). */
    housekeeping: `${base}:housekeeping`,
    /** ZSET queueTicketId -> when its private channel was first authorised: who gets position pushes. */
    listeners: `${base}:listeners`,
    /** HASH queueTicketId -> the last position pushed to that listener. */
    pushed: `${base}:pushed`,
    /** An admission token in use by a hold in flight (single use): value = the cart id. */
    using: (queueTicketId: string) => `${base}:using:${queueTicketId}`,
  };
}

export type TQueueKeys = ReturnType<typeof queueKeys>;

/** The private channel of one queue ticket; the channel auth endpoint lets only its cart in. */
export const queueChannel = (queueTicketId: string) => `private-queue-${queueTicketId}`;

export const QUEUE_CHANNEL_PATTERN = /^private-queue-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
