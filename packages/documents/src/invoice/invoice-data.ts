import type { TLocale } from "../locale.ts";
import type { TPostalAddress } from "../types.ts";

export interface TInvoiceLine {
  description: string;
  /** Usually an integer; fractional quantities are allowed but the line total must come out whole. */
  quantity: number;
  /** Integer minor units; net or gross as `priceMode` says. Negative for a discount line. */
  unitPriceMinor: number;
  /** 19, 7, 0, 5.5 ... */
  taxRatePercent: number;
}

interface TInvoiceCommon {
  locale: TLocale;
  /** Given by the caller's numbering sequence, e.g. "DEMO-2026-000042". */
  number: string;
  issueDate: Date;
  /** Date of supply (the show); printed when given. */
  supplyDate?: Date;
  dueDate?: Date;
  /** IANA zone the dates are printed in (the seller's). */
  timeZone: string;
  seller: { name: string; address: TPostalAddress; vatId: string; email?: string; website?: string };
  buyer: { name: string; email: string; address?: TPostalAddress };
  /** ISO 4217; amounts are in its minor unit (EUR cents, JPY yen). */
  currency: string;
  /** "gross": unit prices include tax (consumer tickets); "net": tax is added on top. */
  priceMode: "gross" | "net";
  lines: TInvoiceLine[];
  paymentReference: string;
  note?: string;
  platformName?: string;
}

export interface TInvoiceDocumentData extends TInvoiceCommon {
  kind: "invoice";
}

/**
 * A refund. Give the refunded lines with the same (positive) quantities and prices as on the
 * original invoice: the credit note prints and totals them negated.
 */
export interface TCreditNoteData extends TInvoiceCommon {
  kind: "credit-note";
  originalInvoiceNumber: string;
}

export type TInvoicePdfData = TInvoiceDocumentData | TCreditNoteData;
