import { randomInt } from "node:crypto";
import type { Prisma } from "@marquee/db";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { type TAuditActor, recordAudit } from "../audit/record-audit.ts";
import type { TBookingDeps } from "../booking/types.ts";

type Tx = Prisma.TransactionClient;
type TDeps = Pick<TBookingDeps, "db">;

// Vouchers are applied in one place only: checkout's pricing (checkout/price-hold.ts) reads the
// code, the kind, the window, the cap and the ticket types written here.

const ZDate = z.coerce.date();
const ZCode = z
  .string()
  .trim()
  .toUpperCase()
  .min(3)
  .max(40)
  .regex(/^[A-Z0-9-]+$/, "letters, digits and hyphens");

const ZVoucherTerms = z.object({
  eventId: z.uuid(),
  kind: z.enum(["PERCENT", "FIXED"]),
  /** PERCENT: basis points (1,000 = 10 %); FIXED: minor units of the event's currency. */
  amount: z.number().int().min(1).max(100_000_000),
  maxRedemptions: z.number().int().min(1).max(1_000_000).nullable().default(null),
  validFrom: ZDate.nullable().default(null),
  validUntil: ZDate.nullable().default(null),
  /** Limited to these types (empty: all); hidden types listed here are unlocked by the code. */
  ticketTypeIds: z.array(z.uuid()).max(50).default([]),
});
export const ZCreateVoucherInput = ZVoucherTerms.extend({ code: ZCode });
export type TCreateVoucherInput = z.infer<typeof ZCreateVoucherInput>;
export const ZGenerateVouchersInput = ZVoucherTerms.extend({
  prefix: z
    .string()
    .trim()
    .toUpperCase()
    .max(12)
    .regex(/^[A-Z0-9-]*$/, "letters, digits and hyphens"),
  count: z.number().int().min(1).max(1_000),
});
export type TGenerateVouchersInput = z.infer<typeof ZGenerateVouchersInput>;
export const ZListVouchersInput = z.object({ eventId: z.uuid(), cursor: z.uuid().optional(), limit: z.number().int().min(1).max(200).default(50) });
export const ZVoucherIdInput = z.object({ voucherId: z.uuid(), active: z.boolean() });

export const ZOrganizerVoucher = z.object({
  id: z.uuid(),
  eventId: z.uuid().nullable(),
  code: z.string(),
  kind: z.enum(["PERCENT", "FIXED"]),
  amount: z.number().int(),
  currency: z.string().nullable(),
  maxRedemptions: z.number().int().nullable(),
  redeemedCount: z.number().int(),
  validFrom: z.date().nullable(),
  validUntil: z.date().nullable(),
  ticketTypeIds: z.array(z.uuid()),
  active: z.boolean(),
  createdAt: z.date(),
});
export type TOrganizerVoucher = z.infer<typeof ZOrganizerVoucher>;

interface TScope {
  organizationId: string;
  actor: TAuditActor;
}

// No 0/O or 1/I: codes are read aloud and typed from paper.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const randomCode = (prefix: string) => `${prefix}${Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")}`;

/** The event must be this organisation's, and the listed types the event's. */
async function checkTerms(tx: Tx, organizationId: string, terms: z.infer<typeof ZVoucherTerms>) {
  const event = await tx.event.findFirst({ where: { id: terms.eventId, organizationId }, select: { id: true, currency: true } });
  if (!event) throw new AppError("NOT_FOUND", "Event not found.");
  const types = await tx.ticketType.count({ where: { id: { in: terms.ticketTypeIds }, eventId: event.id } });
  if (types !== new Set(terms.ticketTypeIds).size) throw new AppError("NOT_FOUND", "Ticket type not found.", { field: "ticketTypeIds" });
  if (terms.kind === "PERCENT" && terms.amount > 10_000) throw new AppError("VALIDATION_ERROR", "A percentage is at most 100 %.", { field: "amount" });
  if (terms.validFrom && terms.validUntil && terms.validUntil <= terms.validFrom) {
    throw new AppError("VALIDATION_ERROR", "The voucher must end after it starts.", { field: "validUntil" });
  }
  return event;
}

const voucherData = (organizationId: string, currency: string, terms: z.infer<typeof ZVoucherTerms>, code: string) => ({
  organizationId,
  eventId: terms.eventId,
  code,
  kind: terms.kind,
  amount: terms.amount,
  currency: terms.kind === "FIXED" ? currency : null,
  maxRedemptions: terms.maxRedemptions,
  validFrom: terms.validFrom,
  validUntil: terms.validUntil,
  ticketTypeIds: [...new Set(terms.ticketTypeIds)],
});

export async function createVoucher(deps: TDeps, scope: TScope, input: TCreateVoucherInput): Promise<TOrganizerVoucher> {
  return deps.db.$transaction(async (tx: Tx) => {
    const event = await checkTerms(tx, scope.organizationId, input);
    const taken = await tx.voucher.findUnique({
      where: { organizationId_code: { organizationId: scope.organizationId, code: input.code } },
      select: { id: true },
    });
    if (taken) throw new AppError("CONFLICT", "The organisation has a voucher with this code.", { field: "code", reason: "CODE_TAKEN" });
    const voucher = await tx.voucher.create({ data: voucherData(scope.organizationId, event.currency, input, input.code) });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: "voucher.create",
      targetType: "voucher",
      targetId: voucher.id,
      data: { eventId: input.eventId, code: voucher.code, kind: voucher.kind, amount: voucher.amount },
    });
    return voucher;
  });
}

/** N random codes with a prefix (one statement; a rare collision is drawn again). Returns the codes and a CSV of them. */
export async function generateVouchers(deps: TDeps, scope: TScope, input: TGenerateVouchersInput): Promise<{ count: number; codes: string[]; csv: string }> {
  const codes = await deps.db.$transaction(async (tx: Tx) => {
    const event = await checkTerms(tx, scope.organizationId, input);
    const wanted = new Set<string>();
    for (let round = 0; wanted.size < input.count && round < 5; round++) {
      const drawn = new Set<string>();
      while (drawn.size < input.count - wanted.size) drawn.add(randomCode(input.prefix));
      const clashes = await tx.voucher.findMany({ where: { organizationId: scope.organizationId, code: { in: [...drawn] } }, select: { code: true } });
      for (const code of drawn) if (!clashes.some((c) => c.code === code) && !wanted.has(code)) wanted.add(code);
    }
    const list = [...wanted];
    await tx.voucher.createMany({ data: list.map((code) => voucherData(scope.organizationId, event.currency, input, code)) });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: "voucher.generate",
      targetType: "event",
      targetId: input.eventId,
      data: { count: list.length, prefix: input.prefix, kind: input.kind, amount: input.amount },
    });
    return list;
  });
  return { count: codes.length, codes, csv: vouchersCsv(codes.map((code) => ({ code, ...input, redeemedCount: 0 }))) };
}

/** Codes as CSV (csv-stringify quotes and escapes): code, kind, amount, cap, used, window. */
export function vouchersCsv(
  vouchers: {
    code: string;
    kind: string;
    amount: number;
    maxRedemptions: number | null;
    redeemedCount: number;
    validFrom: Date | null;
    validUntil: Date | null;
  }[],
): string {
  return stringify(
    vouchers.map((v) => [
      v.code,
      v.kind,
      v.amount,
      v.maxRedemptions ?? "",
      v.redeemedCount,
      v.validFrom?.toISOString() ?? "",
      v.validUntil?.toISOString() ?? "",
    ]),
    { header: true, columns: ["code", "kind", "amount", "max_redemptions", "redeemed", "valid_from", "valid_until"] },
  );
}

/** An event's vouchers with their usage, newest first, a page at a time. */
export async function listVouchers(deps: TDeps, organizationId: string, input: z.infer<typeof ZListVouchersInput>) {
  const event = await deps.db.event.findFirst({ where: { id: input.eventId, organizationId }, select: { id: true } });
  if (!event) throw new AppError("NOT_FOUND", "Event not found.");
  const rows = await deps.db.voucher.findMany({
    where: { organizationId, eventId: event.id, ...(input.cursor ? { id: { lt: input.cursor } } : {}) },
    orderBy: { id: "desc" },
    take: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? (items[items.length - 1]?.id ?? null) : null };
}

export async function setVoucherActive(deps: TDeps, scope: TScope, input: z.infer<typeof ZVoucherIdInput>): Promise<TOrganizerVoucher> {
  return deps.db.$transaction(async (tx: Tx) => {
    const found = await tx.voucher.findFirst({ where: { id: input.voucherId, organizationId: scope.organizationId }, select: { id: true } });
    if (!found) throw new AppError("NOT_FOUND", "Voucher not found.");
    const voucher = await tx.voucher.update({ where: { id: found.id }, data: { active: input.active } });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: input.active ? "voucher.activate" : "voucher.deactivate",
      targetType: "voucher",
      targetId: voucher.id,
      data: { code: voucher.code },
    });
    return voucher;
  });
}
