import { computeInvoiceTotals, toLocale, type TInvoiceLine, type TLocale, type TPostalAddress } from "@marquee/documents";
import { AppError } from "../../errors.ts";
import { resolveName, type TContentLanguage } from "../content/resolve-content.ts";
import type { TInvoiceSnapshot, TSnapshotLine, TTx } from "./types.ts";

/** Orders that were paid (refunded ones included: the sale is invoiced, the refund credited). */
const INVOICEABLE = new Set(["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);

export interface TInvoiceOrderLine {
  id: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  taxRateBp: number;
  ticketTypeName: string;
  seat: { section: string; row: string; label: string } | null;
}

export type TInvoiceOrder = Awaited<ReturnType<typeof loadInvoiceOrder>>;

// Sequential queries, not one nested `include`: Prisma loads sibling relations in parallel, which
// inside an interactive transaction means overlapping queries on one pg client (deprecated by pg).
export async function loadInvoiceOrder(tx: TTx, orderId: string) {
  const order = await tx.order.findUnique({ where: { id: orderId } });
  if (!order) throw new AppError("NOT_FOUND", "Order not found.", { orderId });
  if (!INVOICEABLE.has(order.status)) throw new AppError("CONFLICT", "Only paid orders are invoiced.", { orderId, status: order.status });
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: order.organizationId } });
  const event = await tx.event.findUniqueOrThrow({
    where: { id: order.eventId },
    select: { name: true, translations: true, defaultLanguage: true, startsAt: true, timezone: true },
  });
  // Names on the invoice are in the order's language where the organiser gave them in it.
  const language: TContentLanguage = { requested: toLocale(order.locale), defaultLanguage: event.defaultLanguage };
  const rows = await tx.$queryRaw<
    (Omit<TInvoiceOrderLine, "seat"> & {
      ticketTypeTranslations: unknown;
      seatLabel: string | null;
      rowLabel: string | null;
      sectionName: string | null;
      sectionTranslations: unknown;
    })[]
  >`
    SELECT l."id", l."quantity", l."unitPriceMinor", l."discountMinor", l."taxRateBp", t."name" AS "ticketTypeName",
           t."translations" AS "ticketTypeTranslations", s."label" AS "seatLabel", r."label" AS "rowLabel",
           sec."name" AS "sectionName", sec."translations" AS "sectionTranslations"
    FROM "OrderLine" l
    JOIN "TicketType" t ON t."id" = l."ticketTypeId"
    LEFT JOIN "Seat" s ON s."id" = l."seatId"
    LEFT JOIN "SeatRow" r ON r."id" = s."rowId"
    LEFT JOIN "Section" sec ON sec."id" = s."sectionId"
    WHERE l."orderId" = ${orderId}::uuid
    ORDER BY l."id"`;
  const lines = rows.map(({ seatLabel, rowLabel, sectionName, sectionTranslations, ticketTypeTranslations, ...line }): TInvoiceOrderLine => ({
    ...line,
    ticketTypeName: resolveName({ name: line.ticketTypeName, translations: ticketTypeTranslations }, language),
    seat:
      seatLabel !== null
        ? { section: resolveName({ name: sectionName ?? "", translations: sectionTranslations }, language), row: rowLabel ?? "", label: seatLabel }
        : null,
  }));
  return { ...order, organization, event: { ...event, name: resolveName(event, language) }, lines };
}

/**
 * Organisation.address is free text; print its lines as given. A last line like "10115 Berlin"
 * becomes postal code + city.
 */
export function postalAddress(text: string | null, countryCode: string, locale: TLocale): TPostalAddress {
  const parts = (text ?? "")
    .split(/\r?\n|,/)
    .map((part) => part.trim())
    .filter(Boolean);
  const last = parts.length > 1 ? parts[parts.length - 1]! : "";
  const cityLine = /^([A-Z0-9-]{3,10})\s+(.+)$/i.exec(last);
  const body = cityLine ? parts.slice(0, -1) : parts;
  const country = new Intl.DisplayNames([locale], { type: "region" }).of(countryCode.toUpperCase()) ?? countryCode;
  return {
    line1: body[0] ?? "",
    ...(body.length > 1 ? { line2: body.slice(1).join(", ") } : {}),
    postalCode: cityLine?.[1] ?? "",
    city: cityLine?.[2] ?? "",
    country,
  };
}

const taxPercent = (bp: number): number => bp / 100;

function orderLines(order: TInvoiceOrder): TSnapshotLine[] {
  return order.lines.flatMap((line): TSnapshotLine[] => {
    const seat = line.seat ? ` (${line.seat.section}, ${line.seat.row} ${line.seat.label})` : "";
    const ticket: TSnapshotLine = {
      orderLineId: line.id,
      role: "ticket",
      description: `${line.ticketTypeName} – ${order.event.name}${seat}`,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      taxRatePercent: taxPercent(line.taxRateBp),
    };
    if (line.discountMinor === 0) return [ticket];
    const discount: TSnapshotLine = {
      ...ticket,
      role: "discount",
      description: `Discount – ${line.ticketTypeName}`,
      quantity: 1,
      unitPriceMinor: -line.discountMinor,
    };
    return [ticket, discount];
  });
}

export const toInvoiceLines = (lines: TSnapshotLine[]): TInvoiceLine[] =>
  lines.map(({ description, quantity, unitPriceMinor, taxRatePercent }) => ({ description, quantity, unitPriceMinor, taxRatePercent }));

export function totalsOf(lines: TSnapshotLine[], sign: 1 | -1): TInvoiceSnapshot["totals"] {
  const { netMinor, taxMinor, grossMinor, taxGroups } = computeInvoiceTotals(toInvoiceLines(lines), "gross", sign);
  return { netMinor, taxMinor, grossMinor, taxGroups };
}

/** The parties and lines of an order, as printed; the number and the kind are the caller's. */
export function buildInvoiceSnapshot(
  order: TInvoiceOrder,
  issue: { number: string; issuedAt: Date } & (
    { kind: "invoice" } | { kind: "credit-note"; originalInvoiceNumber: string; refundId: string; lines: TSnapshotLine[] }
  ),
): TInvoiceSnapshot {
  const locale = toLocale(order.locale);
  const organization = order.organization;
  const lines = issue.kind === "invoice" ? orderLines(order) : issue.lines;
  return {
    version: 1,
    kind: issue.kind,
    locale,
    number: issue.number,
    issueDate: issue.issuedAt.toISOString(),
    supplyDate: order.event.startsAt.toISOString(),
    timeZone: order.event.timezone,
    seller: {
      name: organization.legalName ?? organization.name,
      address: postalAddress(organization.address, organization.country, locale),
      vatId: organization.taxId ?? "",
      ...(organization.supportEmail ? { email: organization.supportEmail } : {}),
    },
    buyer: { name: order.buyerName, email: order.buyerEmail },
    currency: order.currency,
    priceMode: "gross",
    lines,
    paymentReference: order.reference,
    ...(issue.kind === "credit-note" ? { originalInvoiceNumber: issue.originalInvoiceNumber, refundId: issue.refundId } : {}),
    totals: totalsOf(lines, issue.kind === "invoice" ? 1 : -1),
  };
}
