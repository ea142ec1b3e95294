import type { Db } from "@marquee/db";
import { z } from "zod";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { resolveText, resolveTextIn, type TContentLanguage, ZContentLocale } from "../content/resolve-content.ts";
import { publicEventImage } from "../event-image/event-image-output.ts";
import { currentPrices } from "../pricing/current-prices.ts";
import { currentPriceTier } from "./current-price.ts";
import { saleState } from "./list-public-events.ts";

export const ZGetEventInput = z.object({
  idOrSlug: z.string().trim().min(1).max(200),
  /** The reader's language for organiser-written text; absent or not given there: the event's default language. */
  locale: ZContentLocale,
});
export type TGetEventInput = z.input<typeof ZGetEventInput>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A published event by id or slug, with its venue and the ticket types on sale (prices and
 * limits). Drafts, cancelled and unknown events are all NOT_FOUND, so nothing is revealed.
 */
export async function getPublicEvent(deps: { db: Db; clock: Clock }, rawInput: TGetEventInput) {
  const { idOrSlug, locale } = ZGetEventInput.parse(rawInput);
  const event = await deps.db.event.findFirst({
    where: { status: "PUBLISHED", ...(UUID.test(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug }) },
    orderBy: { startsAt: "asc" },
    include: {
      venue: { select: { name: true, city: true, country: true, address: true } },
      ticketTypes: {
        // Hidden types are sold only with a voucher that names them: not listed.
        where: { active: true, hiddenUnlessVoucher: false },
        orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
        include: { priceTiers: { orderBy: [{ sortOrder: "asc" }, { id: "asc" }] } },
      },
    },
  });
  if (!event) throw new AppError("NOT_FOUND", "No such event.");
  const now = deps.clock.now();
  const prices = await currentPrices(
    deps.db,
    event.ticketTypes.map((type) => ({ ticketTypeId: type.id, quantity: 1 })),
    now,
  );
  const language: TContentLanguage = { requested: locale, defaultLanguage: event.defaultLanguage };
  const description = resolveTextIn(event.description, event.translations, "description", language);
  const image = publicEventImage(event, language);
  return {
    id: event.id,
    slug: event.slug,
    name: resolveText(event.name, event.translations, "name", language),
    description: description.text,
    /** The language the description is in (the default one when it is not given in the requested one). */
    descriptionLanguage: description.language,
    defaultLanguage: event.defaultLanguage,
    venueNotes: resolveText(event.venueNotes, event.translations, "venueNotes", language),
    image,
    imageUrl: image?.url ?? event.imageUrl,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    doorsAt: event.doorsAt,
    onSaleAt: event.onSaleAt,
    offSaleAt: event.offSaleAt,
    timezone: event.timezone,
    currency: event.currency,
    seatingMode: event.seatingMode,
    saleState: saleState(event, now),
    waitingRoomEnabled: event.waitingRoomEnabled,
    waitingListEnabled: event.waitingListEnabled,
    holdTtlSeconds: event.holdTtlSeconds,
    maxPerOrder: event.maxPerOrder,
    maxPerBuyer: event.maxPerBuyer,
    venue: event.venue,
    ticketTypes: event.ticketTypes.map((type) => ({
      id: type.id,
      name: resolveText(type.name, type.translations, "name", language),
      description: resolveText(type.description, type.translations, "description", language),
      capacity: type.capacity,
      minPerOrder: type.minPerOrder,
      maxPerOrder: type.maxPerOrder,
      salesStartAt: type.salesStartAt,
      salesEndAt: type.salesEndAt,
      /** The tier that sells now (null: none on sale). */
      currentPriceId: currentPriceTier(type.priceTiers, now)?.id ?? null,
      /** Demand pricing's current price (null: the tier's price applies); the `price` event on `event-<id>` moves it. */
      demandPrice: demandPriceOf(prices.get(type.id)),
      prices: type.priceTiers.map((tier) => ({
        id: tier.id,
        name: tier.name,
        priceMinor: tier.priceMinor,
        currency: tier.currency,
        validFrom: tier.validFrom,
        validUntil: tier.validUntil,
      })),
    })),
  };
}

const demandPriceOf = (price: { unitPriceMinor: number; version: number | null } | undefined) =>
  price && price.version !== null ? { priceMinor: price.unitPriceMinor, version: price.version } : null;
