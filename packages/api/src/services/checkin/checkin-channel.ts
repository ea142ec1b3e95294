// The live channel door scanners and the console share, one per event. Authorised for the event's
// paired devices (checkinPairing.authorize) and for members who may scan or view the event
// (the console's realtime authorisation). Published through the outbox relay (at least once;
// devices apply both events idempotently by id).

export const checkinChannelName = (eventId: string): string => `private-checkin-${eventId}`;

export const CHECKIN_CHANNEL_EVENTS = {
  /** A counted scan or an annulment: TSyncScan as JSON (dates as ISO strings). */
  scan: "scan",
  /** A ticket whose status changed (refund, cancellation, transfer, reissue): { id, eventId, status }. */
  ticket: "ticket",
} as const;
