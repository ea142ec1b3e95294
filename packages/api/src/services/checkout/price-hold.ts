import type { Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";

type Tx = Prisma.TransactionClient;

export interface TPricedLine {
  ticketTypeId: string;
  priceTierId: string;
  /** The demand-pricing version that set the unit price (null: the tier's own price). */
  priceVersionId: string | null;
  seatId: string | null;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  taxRateBp: number;
  taxMinor: number;
  totalMinor: number;
}

export interface TPricedOrder {
  currency: string;
  lines: TPricedLine[];
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  voucherId: string | null;
}

export interface TTier {
  id: string;
  ticketTypeId: string;
  priceMinor: number;
  currency: string;
  taxRateBp: number;
  validFrom: Date | null;
  validUntil: Date | null;
  quantityLimit: number | null;
  soldCount: number;
  sortOrder: number;
}

/** Tax included in a gross amount at `bp` basis points, rounded half up. */
export const includedTax = (grossMinor: number, bp: number) => (bp === 0 ? 0 : Math.round((grossMinor * bp) / (10_000 + bp)));

/** The tier that sells `quantity` now: in its window, with room under its quantity limit, first by sort order; null if none. */
export function tierOnSale<T extends TTier>(tiers: readonly T[], ticketTypeId: string, quantity: number, now: Date): T | null {
  return (
    tiers
      .filter((t) => t.ticketTypeId === ticketTypeId)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.priceMinor - b.priceMinor)
      .find(
        (t) =>
          (!t.validFrom || t.validFrom <= now) &&
          (!t.validUntil || t.validUntil > now) &&
          (t.quantityLimit === null || t.soldCount + quantity <= t.quantityLimit),
      ) ?? null
  );
}

function tierFor(tiers: TTier[], ticketTypeId: string, quantity: number, now: Date): TTier {
  const tier = tierOnSale(tiers, ticketTypeId, quantity, now);
  if (!tier) throw new AppError("CONFLICT", "No price is on sale for this ticket type right now.", { ticketTypeId });
  return tier;
}

/** Spreads `discount` over the lines in proportion to their totals; the last line takes the rounding. */
function spread(lines: TPricedLine[], eligible: (line: TPricedLine) => boolean, discount: number): void {
  const targets = lines.filter(eligible);
  const base = targets.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  let left = Math.min(discount, base);
  targets.forEach((line, index) => {
    const gross = line.unitPriceMinor * line.quantity;
    const share = index === targets.length - 1 ? left : Math.min(left, Math.floor((discount * gross) / base));
    line.discountMinor = share;
    left -= share;
  });
}

/**
 * Quantity-limited tiers count what checkout priced (released again when an order is cancelled);
 * a tier past its limit refuses the whole transaction. Every order of a tier updates the same row,
 * which stays locked until commit: run this last in the transaction, so concurrent checkouts of a
 * type wait on the lock for one round trip, not for the order's inserts too.
 */
export async function countTierSales(tx: Tx, lines: readonly Pick<TPricedLine, "priceTierId" | "quantity" | "ticketTypeId">[]): Promise<void> {
  for (const line of lines) {
    const taken = await tx.$executeRaw`UPDATE "PriceTier" SET "soldCount" = "soldCount" + ${line.quantity}
      WHERE id = ${line.priceTierId}::uuid AND ("quantityLimit" IS NULL OR "soldCount" + ${line.quantity} <= "quantityLimit")`;
    if (taken !== 1) throw new AppError("CONFLICT", "This price just sold out; please check out again.", { ticketTypeId: line.ticketTypeId });
  }
}

/**
 * Prices a hold's items (inside the transaction when a voucher is redeemed): each item at the price the hold locked
 * (HoldPrice: unit price, tier, tax rate, demand-pricing version), or, for a hold made before
 * holds locked prices, at the tier on sale now (tax included at the tier's rate); then the voucher if one is given (PERCENT in basis points or FIXED
 * minor units, limited to its ticket types, window and redemptions; redeemed here, under a row
 * lock, so concurrent checkouts cannot pass its limit); a quantity-limited tier counts the
 * tickets priced at it (a locked tier too: a full tier refuses as before). Pricing rules (early bird, bulk)
 * are not applied yet: an event with active rules is refused rather than mis-priced.
 */
export async function priceHold(
  tx: Tx,
  args: {
    organizationId: string;
    eventId: string;
    currency: string;
    items: { ticketTypeId: string; seatId: string | null; quantity: number }[];
    /** The hold whose locked prices (HoldPrice) apply. */
    holdId?: string;
    voucherCode?: string;
    now: Date;
    /** The caller runs countTierSales itself, as the transaction's last statement (see there). */
    deferTierCounts?: boolean;
    /** `tx` is the pool, not a transaction: the reads go out together. */
    parallelReads?: boolean;
  },
): Promise<TPricedOrder> {
  // The reads do not depend on each other: on the pool they run in parallel; a transaction's one
  // connection takes them one after the other.
  const typeIds = [...new Set(args.items.map((i) => i.ticketTypeId))];
  const reads = [
    () => tx.pricingRule.count({ where: { eventId: args.eventId, active: true } }),
    () => tx.priceTier.findMany({ where: { ticketTypeId: { in: typeIds } } }),
    () => (args.holdId ? tx.holdPrice.findMany({ where: { holdId: args.holdId } }) : Promise.resolve([])),
    () => tx.ticketType.findMany({ where: { id: { in: typeIds }, hiddenUnlessVoucher: true }, select: { id: true } }),
  ] as const;
  type TReads = [number, TTier[], Awaited<ReturnType<(typeof reads)[2]>>, { id: string }[]];
  const results: unknown[] = [];
  if (args.parallelReads) results.push(...(await Promise.all(reads.map((read) => read()))));
  else for (const read of reads) results.push(await read());
  const [rules, tiers, held, hidden] = results as TReads;
  if (rules > 0) throw new AppError("CONFLICT", "This event's pricing rules are not supported at checkout yet.");
  const lockedPrice = new Map(
    held.flatMap((price) => (price.priceTierId ? [[price.ticketTypeId, { ...price, priceTierId: price.priceTierId }] as const] : [])),
  );
  const lines: TPricedLine[] = args.items.map((item) => {
    const locked = lockedPrice.get(item.ticketTypeId);
    const tier = locked
      ? { id: locked.priceTierId, priceMinor: locked.unitPriceMinor, currency: locked.currency, taxRateBp: locked.taxRateBp }
      : tierFor(tiers, item.ticketTypeId, item.quantity, args.now);
    if (tier.currency !== args.currency)
      throw new AppError("CONFLICT", "This ticket type is priced in another currency than the event.", { ticketTypeId: item.ticketTypeId });
    return {
      ticketTypeId: item.ticketTypeId,
      priceTierId: tier.id,
      priceVersionId: locked?.priceVersionId ?? null,
      seatId: item.seatId,
      quantity: item.quantity,
      unitPriceMinor: tier.priceMinor,
      discountMinor: 0,
      taxRateBp: tier.taxRateBp,
      taxMinor: 0,
      totalMinor: 0,
    };
  });

  let voucherId: string | null = null;
  let unlocked: string[] = [];
  if (args.voucherCode) {
    const code = args.voucherCode.toUpperCase();
    // Locked, so concurrent checkouts count redemptions one at a time.
    const [locked] = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "Voucher" WHERE "organizationId" = ${args.organizationId}::uuid AND code = ${code} FOR UPDATE`;
    const voucher = locked ? await tx.voucher.findUnique({ where: { id: locked.id } }) : null;
    const invalid = () =>
      new AppError("VALIDATION_ERROR", "This voucher code is not valid for this order.", { voucherCode: args.voucherCode, reason: "VOUCHER_INVALID" });
    if (!voucher || !voucher.active || (voucher.eventId && voucher.eventId !== args.eventId)) throw invalid();
    if ((voucher.validFrom && voucher.validFrom > args.now) || (voucher.validUntil && voucher.validUntil <= args.now)) throw invalid();
    if (voucher.maxRedemptions !== null && voucher.redeemedCount >= voucher.maxRedemptions)
      throw new AppError("CONFLICT", "This voucher has been used up.", { voucherCode: args.voucherCode, reason: "VOUCHER_USED_UP" });
    if (voucher.kind === "FIXED" && voucher.currency && voucher.currency !== args.currency) throw invalid();
    const eligible = (line: TPricedLine) => voucher.ticketTypeIds.length === 0 || voucher.ticketTypeIds.includes(line.ticketTypeId);
    const base = lines.filter(eligible).reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
    if (base === 0) throw invalid();
    const discount = voucher.kind === "PERCENT" ? Math.round((base * Math.min(voucher.amount, 10_000)) / 10_000) : Math.min(voucher.amount, base);
    spread(lines, eligible, discount);
    await tx.voucher.update({ where: { id: voucher.id }, data: { redeemedCount: { increment: 1 } } });
    voucherId = voucher.id;
    unlocked = voucher.ticketTypeIds;
  }
  // A hidden type sells only with a voucher that names it (the organiser's "unlock" codes).
  const locked = hidden.find((type) => !unlocked.includes(type.id));
  if (locked) throw new AppError("VALIDATION_ERROR", "These tickets need a voucher code.", { ticketTypeId: locked.id, reason: "VOUCHER_REQUIRED" });

  if (!args.deferTierCounts) await countTierSales(tx, lines);
  for (const line of lines) {
    line.totalMinor = line.unitPriceMinor * line.quantity - line.discountMinor;
    line.taxMinor = includedTax(line.totalMinor, line.taxRateBp);
  }
  const sum = (pick: (line: TPricedLine) => number) => lines.reduce((total, line) => total + pick(line), 0);
  return {
    currency: args.currency,
    lines,
    subtotalMinor: sum((l) => l.unitPriceMinor * l.quantity),
    discountMinor: sum((l) => l.discountMinor),
    taxMinor: sum((l) => l.taxMinor),
    totalMinor: sum((l) => l.totalMinor),
    voucherId,
  };
}
