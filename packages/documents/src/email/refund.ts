import { formatMoney } from "../format.ts";
import { messagesFor } from "../messages/index.ts";
import { button, facts, greeting, paragraph, renderEmail, signOff, type TEmail, type TEmailBase } from "./layout.ts";

export interface TRefundEmail extends TEmailBase {
  buyerName: string;
  orderReference: string;
  eventName: string;
  /** "full": the whole order; "partial": some tickets or an amount. */
  scope: "full" | "partial";
  amountMinor: number;
  currency: string;
  reason?: string;
  /** Number of the credit note PDF, when one is attached. */
  creditNoteNumber?: string;
  orderUrl: string;
}

export function refundEmail(data: TRefundEmail): TEmail {
  const m = messagesFor(data.locale).email;
  const r = m.refund;
  const full = data.scope === "full";
  const rows: Array<[string, string]> = [
    [m.orderReference, data.orderReference],
    [m.event, data.eventName],
    [r.amount, formatMoney(data.amountMinor, data.currency, data.locale)],
  ];
  if (data.reason) rows.push([r.reason, data.reason]);
  if (data.creditNoteNumber) rows.push([r.creditNote, data.creditNoteNumber]);
  return renderEmail({
    ...data,
    subject: full ? r.subjectFull(data.orderReference) : r.subjectPartial(data.orderReference),
    preheader: full ? r.introFull(data.eventName) : r.introPartial(data.eventName),
    blocks: [
      greeting(data.locale, data.buyerName),
      paragraph(full ? r.introFull(data.eventName) : r.introPartial(data.eventName)),
      facts(rows),
      paragraph(r.timing),
      paragraph(full ? r.ticketsVoidFull : r.ticketsVoidPartial),
      button(r.viewOrder, data.orderUrl),
      signOff(data.locale, data.platformName ?? "Marquee"),
    ],
  });
}
