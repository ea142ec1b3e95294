import type { InvoiceModel as Invoice } from "@marquee/db";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { allocateInvoiceNumber } from "./allocate-invoice-number.ts";
import { totalsOf } from "./build-invoice-snapshot.ts";
import { ISSUE_TRANSACTION, lockOrderForInvoicing } from "./invoice-lock.ts";
import { goodwillLines } from "./goodwill-lines.ts";
import { completeInvoicePdf } from "./invoice-pdf.ts";
import { insertInvoiceIfMissing } from "./issue-invoice.ts";
import type { TInvoiceDeps, TInvoiceSnapshot, TSnapshotLine, TTx } from "./types.ts";

export const ZIssueCreditNoteInput = z
  .object({
    orderId: z.uuid(),
    refundId: z.uuid(),
    /** The refunded order lines and how many of each (positive; the credit note negates them). */
    lines: z.array(z.object({ orderLineId: z.uuid(), quantity: z.number().int().positive() })).max(1000),
    /** A goodwill refund (no lines): this gross amount, split over the invoice's VAT rates. */
    amountMinor: z.number().int().positive().optional(),
  })
  .refine((input) => input.lines.length > 0 !== (input.amountMinor !== undefined), { message: "Credit lines or a goodwill amount, one of them." });
export type TIssueCreditNoteInput = z.infer<typeof ZIssueCreditNoteInput>;

const snapshotOf = (invoice: Invoice) => invoice.snapshot as unknown as TInvoiceSnapshot;

/**
 * The credit note's lines: each refunded ticket line with the refunded quantity, and its share of
 * the line's discount. The share is proportional; the last credit of a line takes what is left, so
 * the credit notes of a fully refunded line add up to its invoice line to the cent.
 */
function creditLines(invoice: Invoice, earlier: Invoice[], requested: TIssueCreditNoteInput["lines"]): TSnapshotLine[] {
  const invoiced = snapshotOf(invoice).lines;
  const credited = earlier.flatMap((note) => snapshotOf(note).lines);
  const sum = (lines: TSnapshotLine[], orderLineId: string, role: TSnapshotLine["role"], of: (line: TSnapshotLine) => number) =>
    lines.filter((line) => line.orderLineId === orderLineId && line.role === role).reduce((acc, line) => acc + of(line), 0);

  return requested.flatMap(({ orderLineId, quantity }) => {
    const ticket = invoiced.find((line) => line.orderLineId === orderLineId && line.role === "ticket");
    if (!ticket) throw new AppError("VALIDATION_ERROR", "That line is not on the order's invoice.", { orderLineId });
    const creditedBefore = sum(credited, orderLineId, "ticket", (line) => line.quantity);
    if (creditedBefore + quantity > ticket.quantity) {
      throw new AppError("CONFLICT", "More credited than invoiced for this line.", { orderLineId, invoiced: ticket.quantity, creditedBefore, quantity });
    }
    const lines: TSnapshotLine[] = [{ ...ticket, quantity }];
    const discount = invoiced.find((line) => line.orderLineId === orderLineId && line.role === "discount");
    if (discount) {
      const total = discount.unitPriceMinor * discount.quantity;
      const before = sum(credited, orderLineId, "discount", (line) => line.unitPriceMinor * line.quantity);
      const share = creditedBefore + quantity === ticket.quantity ? total - before : Math.round((total * quantity) / ticket.quantity);
      if (share !== 0) lines.push({ ...discount, quantity: 1, unitPriceMinor: share });
    }
    return lines;
  });
}

/** `orderLineId:quantity` of the ticket lines, sorted (a goodwill note: its amount): what a credit note credits. */
const creditedQuantities = (lines: Pick<TSnapshotLine, "orderLineId" | "quantity" | "role">[], goodwillMinor?: number): string =>
  goodwillMinor !== undefined
    ? `goodwill:${goodwillMinor}`
    : lines
        .filter((line) => line.role === "ticket")
        .map((line) => `${line.orderLineId}:${line.quantity}`)
        .sort()
        .join(",");

const grossOf = (lines: TSnapshotLine[]) => lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);

/**
 * The note's lines: the credited ticket lines, or the goodwill amount over the invoice's VAT rates.
 * Never more than the invoice in total: a ticket credit after goodwill refunds takes the goodwill
 * already credited off (a negative goodwill line), so it credits what is left, as its refund did.
 */
function noteLines(invoice: Invoice, earlier: Invoice[], input: TIssueCreditNoteInput): TSnapshotLine[] {
  const original = snapshotOf(invoice);
  const leftMinor = invoice.totalMinor + earlier.reduce((sum, note) => sum + note.totalMinor, 0);
  if (input.amountMinor !== undefined) {
    if (input.amountMinor > leftMinor) {
      throw new AppError("CONFLICT", "More credited than invoiced.", { amountMinor: input.amountMinor, leftMinor, invoiceTotalMinor: invoice.totalMinor });
    }
    return goodwillLines(original.lines, input.amountMinor, original.locale);
  }
  const lines = creditLines(invoice, earlier, input.lines);
  const over = grossOf(lines) - Math.max(leftMinor, 0);
  return over > 0 ? [...lines, ...goodwillLines(original.lines, -over, original.locale)] : lines;
}

async function insertCreditNote(tx: TTx, input: TIssueCreditNoteInput, issuedAt: Date): Promise<Invoice[]> {
  const earlier = await tx.invoice.findMany({ where: { orderId: input.orderId, kind: "CREDIT_NOTE" }, orderBy: { number: "asc" } });
  const same = earlier.find((note) => snapshotOf(note).refundId === input.refundId);
  if (same) {
    // Like an idempotency key: the same refund with other lines is a caller bug, not a retry.
    const sameGoodwill = snapshotOf(same).lines.every((line) => line.role === "goodwill") ? -same.totalMinor : undefined;
    const asked = creditedQuantities(
      input.lines.map((line) => ({ ...line, role: "ticket" as const })),
      input.amountMinor,
    );
    if (creditedQuantities(snapshotOf(same).lines, sameGoodwill) !== asked) {
      throw new AppError("IDEMPOTENCY_MISMATCH", "This refund already has a credit note with other lines.", {
        refundId: input.refundId,
        creditNoteId: same.id,
      });
    }
    return [same];
  }
  const refund = await tx.refund.findFirst({ where: { id: input.refundId, orderId: input.orderId }, select: { id: true } });
  if (!refund) throw new AppError("NOT_FOUND", "Refund not found for this order.", { refundId: input.refundId });

  // The credit note corrects the invoice: issue that first if nobody has yet.
  const invoice = await insertInvoiceIfMissing(tx, input.orderId, issuedAt);
  const lines = noteLines(invoice, earlier, input);
  const { number, displayNumber } = await allocateInvoiceNumber(tx, invoice.organizationId);
  const original = snapshotOf(invoice);
  const snapshot: TInvoiceSnapshot = {
    ...original,
    kind: "credit-note",
    number: displayNumber,
    issueDate: issuedAt.toISOString(),
    lines,
    originalInvoiceNumber: original.number,
    refundId: input.refundId,
    totals: totalsOf(lines, -1),
  };
  const note = await tx.invoice.create({
    data: {
      organizationId: invoice.organizationId,
      orderId: input.orderId,
      kind: "CREDIT_NOTE",
      number,
      displayNumber,
      currency: invoice.currency,
      netMinor: snapshot.totals.netMinor,
      taxMinor: snapshot.totals.taxMinor,
      totalMinor: snapshot.totals.grossMinor,
      snapshot: snapshot as object,
      issuedAt,
    },
  });
  return [note, invoice];
}

/**
 * Issues the credit note of a refund, once per refund (a second call returns the first): the
 * refunded lines negated, numbered from the organisation's invoice sequence, referring to the
 * order's invoice (issued here first if it was missing). Amounts are stored negative. Same
 * transaction and PDF steps as `issueInvoice`.
 */
export async function issueCreditNote(deps: TInvoiceDeps, input: TIssueCreditNoteInput): Promise<Invoice> {
  const parsed = ZIssueCreditNoteInput.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION_ERROR", "Invalid credit note request.", { issues: parsed.error.issues.map((issue) => issue.message) });
  const issuedAt = deps.clock.now();
  const [note, invoice] = await deps.db.$transaction(async (tx) => {
    await lockOrderForInvoicing(tx, parsed.data.orderId);
    return insertCreditNote(tx, parsed.data, issuedAt);
  }, ISSUE_TRANSACTION);
  if (invoice) await completeInvoicePdf(deps, invoice);
  return completeInvoicePdf(deps, note!);
}
