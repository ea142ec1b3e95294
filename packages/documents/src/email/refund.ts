import { formatMoney } from "../format.ts";
import { messagesFor } from "../messages/index.ts";
import { button, facts, greeting, paragraph, renderEmail, signOff, type TEmail, type TEmailBase } from "./layout.ts";

export interface TRefundEmail extends TEmailBase {
  buyerName: string;
  orderReference: string;
  eventName: string;
  /** "full": the whole order; "partial": some tickets; "goodwill": an amount, every ticket stays valid. */
  scope: "full" | "partial" | "goodwill";
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
  const goodwill = data.scope === "goodwill";
  const intro = goodwill ? r.introGoodwill(data.eventName) : full ? r.introFull(data.eventName) : r.introPartial(data.eventName);
  const rows: Array<[string, string]> = [
    [m.orderReference, data.orderReference],
    [m.event, data.eventName],
    [r.amount, formatMoney(data.amountMinor, data.currency, data.locale)],
  ];
  if (data.reason) rows.push([r.reason, data.reason]);
  if (data.creditNoteNumber) rows.push([r.creditNote, data.creditNoteNumber]);
  return renderEmail({
    ...data,
    subject: goodwill ? r.subjectGoodwill(data.orderReference) : full ? r.subjectFull(data.orderReference) : r.subjectPartial(data.orderReference),
    preheader: intro,
    blocks: [
      greeting(data.locale, data.buyerName),
      paragraph(intro),
      facts(rows),
      paragraph(r.timing),
      paragraph(goodwill ? r.ticketsStayValid : full ? r.ticketsVoidFull : r.ticketsVoidPartial),
      button(r.viewOrder, data.orderUrl),
      signOff(data.locale, data.platformName ?? "Marquee"),
    ],
  });
}
