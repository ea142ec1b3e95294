const HOUR = 60 * 60 * 1000;

/** Scanners accept a code from this long before the doors open (or the start, without doors). */
export const VALID_BEFORE_DOORS_MS = 6 * HOUR;
/** ... until this long after the event ends. */
export const VALID_AFTER_END_MS = 6 * HOUR;

/**
 * The window signed into every code of the event. Generous on purpose: scanner clocks drift while
 * offline, doors move, early entry and re-entry happen, and a code refused at the door is worse
 * than one accepted an hour early (double use is caught by the scan log, not by the window).
 * The window is signed, so moving the event by more than the margins means reissuing its tickets.
 */
export function ticketValidity(event: { startsAt: Date; endsAt: Date; doorsAt: Date | null }): { validFrom: Date; validUntil: Date } {
  const opens = Math.min(event.startsAt.getTime(), event.doorsAt?.getTime() ?? Number.POSITIVE_INFINITY);
  const validFrom = new Date(Math.max(0, opens - VALID_BEFORE_DOORS_MS));
  const validUntil = new Date(Math.max(event.endsAt.getTime(), event.startsAt.getTime()) + VALID_AFTER_END_MS);
  return { validFrom, validUntil };
}
