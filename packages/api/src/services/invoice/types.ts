import type { Db, Prisma } from "@marquee/db";
import type { TInvoiceTotals, TLocale, TPostalAddress } from "@marquee/documents";
import type { Clock } from "../../clock.ts";
import type { FileStore } from "../files/file-store.ts";

export interface TInvoiceDeps {
  db: Db;
  files: FileStore;
  clock: Clock;
}

/** A Prisma interactive-transaction client. */
export type TTx = Prisma.TransactionClient;

/** One printed line; `orderLineId` ties it to the order so a credit note can mirror it. */
export interface TSnapshotLine {
  /** Absent on goodwill lines, which belong to no order line. */
  orderLineId?: string;
  /**
   * "ticket" for the sold line, "discount" for its (negative) discount; credit notes only:
   * "goodwill" for a free amount (positive: money back without tickets; negative: goodwill already
   * refunded taken off a ticket credit), one line per VAT rate.
   */
  role: "ticket" | "discount" | "goodwill";
  description: string;
  quantity: number;
  unitPriceMinor: number;
  taxRatePercent: number;
}

/**
 * Everything printed on an invoice or credit note, as issued (JSON in `Invoice.snapshot`). The PDF
 * is rendered from this alone, so a lost file is re-rendered with the same content.
 */
export interface TInvoiceSnapshot {
  version: 1;
  kind: "invoice" | "credit-note";
  locale: TLocale;
  number: string;
  issueDate: string;
  supplyDate: string;
  timeZone: string;
  seller: { name: string; address: TPostalAddress; vatId: string; email?: string };
  buyer: { name: string; email: string };
  currency: string;
  priceMode: "gross";
  lines: TSnapshotLine[];
  paymentReference: string;
  /** Credit notes: the invoice they correct and the refund they document. */
  originalInvoiceNumber?: string;
  refundId?: string;
  totals: Pick<TInvoiceTotals, "netMinor" | "taxMinor" | "grossMinor" | "taxGroups">;
}
