import { AppError } from "../../errors.ts";
import { redisScript } from "../../lib/redis-scripts.ts";
import type { TBookingDeps } from "../booking/types.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import { readAdmissionToken } from "./admission-token.ts";
import { ensureQueue, loadQueueEvent } from "./queue-event.ts";
import { queueKeys } from "./queue-keys.ts";
import { CLAIM_LUA } from "./queue-lua.ts";

const claimScript = redisScript(CLAIM_LUA);
/** How long one hold attempt may keep an admission reserved. */
const LEASE_MS = 30_000;

export interface TAdmissionLease {
  /** The hold exists: the admission is spent (single use). */
  commit(): Promise<void>;
  /** The hold failed (sold out, seat taken, ...): the admission may be used again until it lapses. */
  abort(): Promise<void>;
}

const invalid = (message: string) => new AppError("ADMISSION_INVALID", message);

/**
 * The waiting room's gate in front of createHold. Events without a room pass (null). Otherwise the
 * X-Admission-Token must be signed by us, for this event and this cart, unexpired, still admitted
 * and not in use by another request; the returned lease spends it once the hold exists.
 */
export async function claimAdmission(
  deps: TBookingDeps,
  event: { id: string; waitingRoomEnabled: boolean },
  cart: TResolvedCart,
  token: string | null,
): Promise<TAdmissionLease | null> {
  if (!event.waitingRoomEnabled) return null;
  if (!token) throw new AppError("QUEUE_REQUIRED", "This event has a waiting room: join the queue to get an admission token.");
  const claims = readAdmissionToken(token);
  if (!claims || claims.eventId !== event.id) throw invalid("This admission token is not valid for this event.");
  if (claims.cartId !== cart.id) throw invalid("This admission token belongs to another cart.");
  const now = deps.clock.now();
  if (claims.expiresAt <= now) throw invalid("This admission has expired: join the queue again.");
  const keys = queueKeys(deps.redisPrefix, event.id);
  const claim = () => claimScript(deps.redis, [keys.admitted, keys.using(claims.queueTicketId)], [claims.queueTicketId, cart.id, now.getTime(), LEASE_MS]);
  let answer = await claim();
  if (answer === "GONE" && !(await deps.redis.exists(keys.ready))) {
    await ensureQueue(deps, await loadQueueEvent(deps.db, event.id));
    answer = await claim();
  }
  if (answer === "GONE") throw invalid("This admission token was already used or has lapsed: join the queue again.");
  if (answer === "IN_USE") throw invalid("This admission token is being used by another request.");
  return {
    async commit() {
      // Independent writes, so in parallel: Redis (the gate CLAIM_LUA reads) and PostgreSQL (what a rebuild reads).
      await Promise.all([
        deps.redis.multi().zrem(keys.admitted, claims.queueTicketId).del(keys.using(claims.queueTicketId)).exec(),
        deps.db.queueTicket.updateMany({ where: { id: claims.queueTicketId, status: { in: ["WAITING", "ADMITTED"] } }, data: { status: "USED" } }),
      ]);
    },
    async abort() {
      await deps.redis.del(keys.using(claims.queueTicketId));
    },
  };
}
