import { AppError } from "../../errors.ts";

/**
 * Admission hook for events behind the waiting room. Today it only refuses holds without an
 * X-Admission-Token on such events; the token itself is verified by the waiting room (next part),
 * which will replace this body with a real check (signature, expiry, cart binding, single use).
 */
export function requireAdmission(event: { waitingRoomEnabled: boolean }, request: { admissionToken: string | null }): void {
  if (!event.waitingRoomEnabled) return;
  if (!request.admissionToken) throw new AppError("QUEUE_REQUIRED", "This event has a waiting room: join the queue to get an admission token.");
}
