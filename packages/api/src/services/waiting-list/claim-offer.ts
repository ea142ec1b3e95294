import { createHash, randomBytes, randomUUID } from "node:crypto";
import { toLocale } from "@marquee/documents";
import { AppError } from "../../errors.ts";
import { withRedisLock } from "../../lib/redis-lock.ts";
import { sameDigest } from "../account/password-reset-token.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import { holdPrices, placeHold, scheduleExpiry } from "../booking/create-hold.ts";
import { endHold } from "../booking/end-hold.ts";
import { loadHoldEvent, resolveHoldRequest } from "../booking/resolve-hold-request.ts";
import type { TBookingDepsWithQueues } from "../booking/types.ts";
import { resolveText } from "../content/resolve-content.ts";
import { refreshDemand } from "./waiting-list-demand.ts";

/** A new offer token (shown only in the e-mail) and the digest stored on the entry. */
export const newOfferToken = () => randomBytes(32).toString("base64url");
export const hashOfferToken = (token: string) => createHash("sha256").update(`marquee-waiting-list-offer:${token}`).digest("base64url");

const invalid = () => new AppError("OFFER_INVALID", "This offer link is not valid any more.");

/** The entry an offer token grants: OFFERED, and unclaimed offers only until offerExpiresAt. */
async function offeredEntry(deps: Pick<TBookingDepsWithQueues, "db" | "clock">, token: string) {
  const digest = hashOfferToken(token);
  const entry = await deps.db.waitingListEntry.findUnique({
    where: { offerTokenHash: digest },
    include: { hold: { select: { id: true, cartId: true, status: true, expiresAt: true } } },
  });
  // The lookup is by digest; comparing it again in constant time keeps the check honest if the lookup ever changes.
  if (!entry?.offerTokenHash || !sameDigest(entry.offerTokenHash, digest) || entry.status !== "OFFERED" || !entry.offerExpiresAt) throw invalid();
  if (!entry.holdId && entry.offerExpiresAt <= deps.clock.now()) throw invalid();
  return entry;
}

/** What the offer page shows: the event, the type, how many, until when. */
export async function getWaitingListOffer(deps: Pick<TBookingDepsWithQueues, "db" | "clock">, token: string, locale: string) {
  const entry = await offeredEntry(deps, token);
  const event = await deps.db.event.findUniqueOrThrow({
    where: { id: entry.eventId },
    select: { id: true, slug: true, name: true, translations: true, defaultLanguage: true },
  });
  const type = await deps.db.ticketType.findUniqueOrThrow({ where: { id: entry.ticketTypeId }, select: { name: true } });
  return {
    eventId: event.id,
    eventSlug: event.slug,
    eventName: resolveText(event.name, event.translations, "name", { requested: toLocale(locale), defaultLanguage: event.defaultLanguage }),
    ticketTypeId: entry.ticketTypeId,
    ticketTypeName: type.name,
    quantity: entry.quantity,
    offerExpiresAt: entry.offerExpiresAt!,
  };
}

/**
 * The offer link's "Get my tickets": a hold of the entry's type and quantity for this cart. It
 * skips the waiting-list gate and the waiting room's admission on purpose (the stock is this
 * entry's), and only this path does. Claiming again from the same cart while that hold is live
 * answers it; from another cart, or once used or expired, the token is OFFER_INVALID.
 */
export async function claimWaitingListOffer(deps: TBookingDepsWithQueues, cart: TResolvedCart, token: string) {
  const first = await offeredEntry(deps, token);
  const outcome = await withRedisLock(
    deps.redis,
    `${deps.redisPrefix}:wl:{${first.eventId}}:claim:${first.id}`,
    30_000,
    async () => {
      const entry = await offeredEntry(deps, token);
      const now = deps.clock.now();
      if (entry.hold) {
        if (entry.hold.cartId === cart.id && entry.hold.status === "ACTIVE" && entry.hold.expiresAt > now) {
          return { holdId: entry.hold.id, eventId: entry.eventId, expiresAt: entry.hold.expiresAt, quantity: entry.quantity };
        }
        throw invalid();
      }
      const event = await loadHoldEvent(deps.db, entry.eventId, now);
      const resolved = await resolveHoldRequest(
        deps.db,
        event,
        { eventId: entry.eventId, items: [{ ticketTypeId: entry.ticketTypeId, quantity: entry.quantity }] },
        now,
      );
      const holdId = randomUUID();
      const expiresAt = new Date(now.getTime() + event.holdTtlSeconds * 1000);
      // The offer's hold locks the current price, as every hold does (services/pricing).
      const prices = await holdPrices(deps, resolved, now);
      await placeHold(deps, { holdId, cart, resolved, expiresAt, prices });
      const recorded = await deps.db.waitingListEntry.updateMany({ where: { id: entry.id, status: "OFFERED", holdId: null }, data: { holdId } });
      if (recorded.count !== 1) {
        // The entry left the list meanwhile (removed by the organiser): give the stock back.
        await endHold(deps, holdId, "RELEASED");
        throw invalid();
      }
      await scheduleExpiry(deps, holdId, expiresAt);
      return { holdId, eventId: entry.eventId, expiresAt, quantity: entry.quantity };
    },
    { waitMs: 10_000 },
  );
  if (!outcome.acquired) throw new AppError("INVENTORY_BUSY", "Too busy to claim this offer; please retry.");
  return outcome.value;
}

/** "No thanks" from the offer page: the entry is REMOVED and its stock passes on at the next offer run. */
export async function declineWaitingListOffer(
  deps: Pick<TBookingDepsWithQueues, "db" | "clock" | "redis" | "redisPrefix">,
  token: string,
): Promise<{ declined: true }> {
  const entry = await offeredEntry(deps, token);
  if (entry.holdId) throw invalid();
  const hit = await deps.db.waitingListEntry.updateMany({
    where: { id: entry.id, status: "OFFERED", holdId: null },
    data: { status: "REMOVED", endedAt: deps.clock.now(), offerTokenHash: null },
  });
  if (hit.count !== 1) throw invalid();
  await refreshDemand(deps, entry.eventId);
  return { declined: true };
}
