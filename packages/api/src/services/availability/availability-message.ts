/** Seat states in a message; `free` seats are the ones availability.get does not list. */
export type TSeatState = "free" | "held" | "sold" | "blocked";

export interface TAvailabilityMessage {
  eventId: string;
  /** The inventory version (the one availability.get answers). */
  version: number;
  /** The version of the previous message (null if none): `changed` lists every seat touched after it. */
  previousVersion: number | null;
  ticketTypes: { ticketTypeId: string; available: number }[];
  /** Seats changed after previousVersion, each with its state now, or `resync`: refetch availability.get. */
  seats: { changed: [string, TSeatState][] } | { resync: true };
}

/** Messages stay under Soketi's/Pusher's 10 KB; beyond this the seat diff becomes a resync. */
export const MAX_MESSAGE_BYTES = 9 * 1024;

const STATES: Record<string, TSeatState> = { F: "free", H: "held", S: "sold", B: "blocked" };

/** The message from the publish script's answer: ga and changes are flat [id, value, ...] lists. */
export function availabilityMessage(input: {
  eventId: string;
  version: number;
  previousVersion: number | null;
  ga: string[];
  changes: string[];
  resync: boolean;
}): TAvailabilityMessage {
  const ticketTypes: TAvailabilityMessage["ticketTypes"] = [];
  for (let i = 0; i < input.ga.length; i += 2) ticketTypes.push({ ticketTypeId: input.ga[i]!, available: Math.max(0, Number(input.ga[i + 1])) });
  ticketTypes.sort((a, b) => a.ticketTypeId.localeCompare(b.ticketTypeId));
  const base = { eventId: input.eventId, version: input.version, previousVersion: input.previousVersion, ticketTypes };
  if (input.resync) return { ...base, seats: { resync: true } };
  const changed: [string, TSeatState][] = [];
  for (let i = 0; i < input.changes.length; i += 2) changed.push([input.changes[i]!, STATES[input.changes[i + 1]!] ?? "held"]);
  changed.sort((a, b) => a[0].localeCompare(b[0]));
  const message: TAvailabilityMessage = { ...base, seats: { changed } };
  return Buffer.byteLength(JSON.stringify(message)) > MAX_MESSAGE_BYTES ? { ...base, seats: { resync: true } } : message;
}
