/**
 * Redis keys of one event's live-availability publishing. The {eventId} hash tag is the same as the
 * inventory's, so the publish script reads both in one atomic step (one cluster slot).
 */
export function availabilityKeys(prefix: string, eventId: string) {
  const base = `${prefix}:avail:{${eventId}}`;
  return {
    /** Held for one coalescing window (SET NX PX) by the process that will publish it. */
    gate: `${base}:gate`,
    /** The inventory version of the last published message. */
    publishedVersion: `${base}:version`,
  };
}
