import type { Db } from "@marquee/db";
import type { TLocale } from "@marquee/documents/locale";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { resolveName } from "../content/resolve-content.ts";
import { toHoldOutput } from "../booking/get-hold.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import type { THoldQuoteOutput } from "./checkout-schemas.ts";
import { tierOnSale } from "./price-hold.ts";

/**
 * The hold's items with their names, seat labels and the price checkout would charge now (the
 * price the hold locked, as priceHold; nothing reserved or redeemed), so the checkout page never prices
 * anything itself. Vouchers are applied by checkout only. Another cart's hold is NOT_FOUND.
 */
export async function quoteHold(deps: { db: Db; clock: Clock }, cart: TResolvedCart, holdId: string, locale?: TLocale): Promise<THoldQuoteOutput> {
  const hold = await deps.db.hold.findUnique({
    where: { id: holdId },
    select: {
      id: true,
      eventId: true,
      cartId: true,
      status: true,
      expiresAt: true,
      event: { select: { currency: true, defaultLanguage: true } },
      prices: { select: { ticketTypeId: true, unitPriceMinor: true, currency: true, priceVersionId: true } },
      items: {
        select: {
          ticketTypeId: true,
          seatId: true,
          quantity: true,
          ticketType: { select: { name: true, translations: true, sortOrder: true } },
          seat: { select: { label: true, section: { select: { name: true, translations: true } }, row: { select: { label: true } } } },
        },
      },
    },
  });
  if (!hold || hold.cartId !== cart.id) throw new AppError("NOT_FOUND", "Hold not found.");
  const now = deps.clock.now();
  const tiers = await deps.db.priceTier.findMany({ where: { ticketTypeId: { in: [...new Set(hold.items.map((item) => item.ticketTypeId))] } } });
  const items = [...hold.items].sort(
    (a, b) =>
      a.ticketType.sortOrder - b.ticketType.sortOrder ||
      (a.seat?.section.name ?? "").localeCompare(b.seat?.section.name ?? "") ||
      (a.seat?.row.label ?? "").localeCompare(b.seat?.row.label ?? "", undefined, { numeric: true }) ||
      (a.seat?.label ?? "").localeCompare(b.seat?.label ?? "", undefined, { numeric: true }),
  );
  const language = { requested: locale, defaultLanguage: hold.event.defaultLanguage };
  const lines = items.map((item) => {
    // The price the hold locked; a hold from before prices were locked: the tier on sale now.
    const tier = hold.prices.find((price) => price.ticketTypeId === item.ticketTypeId) ?? tierOnSale(tiers, item.ticketTypeId, item.quantity, now);
    const unitPriceMinor = tier && tier.currency === hold.event.currency ? ("unitPriceMinor" in tier ? tier.unitPriceMinor : tier.priceMinor) : null;
    return {
      ticketTypeId: item.ticketTypeId,
      ticketTypeName: resolveName(item.ticketType, language),
      seat: item.seat ? { section: resolveName(item.seat.section, language), row: item.seat.row.label, seat: item.seat.label } : null,
      quantity: item.quantity,
      unitPriceMinor,
      totalMinor: unitPriceMinor === null ? null : unitPriceMinor * item.quantity,
    };
  });
  const { status } = toHoldOutput({ id: hold.id, eventId: hold.eventId, status: hold.status, expiresAt: hold.expiresAt, items: [] }, now);
  return {
    holdId: hold.id,
    eventId: hold.eventId,
    status,
    expiresAt: hold.expiresAt,
    currency: hold.event.currency,
    lines,
    totalMinor: lines.some((line) => line.totalMinor === null) ? null : lines.reduce((sum, line) => sum + line.totalMinor!, 0),
    serverNow: now,
  };
}
