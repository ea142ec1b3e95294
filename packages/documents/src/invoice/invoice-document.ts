import { Document, Page, StyleSheet, Text, View, type DocumentProps } from "@react-pdf/renderer";
import { createElement as h, type ReactElement } from "react";
import { formatDate, formatMoney, formatPercent, formatQuantity } from "../format.ts";
import { messagesFor, type TMessages } from "../messages/index.ts";
import { base, colors } from "../pdf-styles.ts";
import { addressLines } from "../types.ts";
import { computeInvoiceTotals, type TInvoiceTotals } from "./compute-invoice-totals.ts";
import type { TInvoicePdfData } from "./invoice-data.ts";

// Plain createElement instead of JSX, as in ticket-document.ts: consumers compile this source
// without JSX settings.

const styles = StyleSheet.create({
  header: { flexDirection: "row", justifyContent: "space-between", marginBottom: 24 },
  title: { fontFamily: "Helvetica-Bold", fontSize: 22 },
  sellerHead: { textAlign: "right", fontSize: 9, lineHeight: 1.35 },
  parties: { flexDirection: "row", gap: 24, marginBottom: 18 },
  party: { flexGrow: 1, flexBasis: 0 },
  meta: { width: 190 },
  metaRow: { flexDirection: "row", justifyContent: "space-between", marginBottom: 2 },
  intro: { marginBottom: 12 },
  row: { flexDirection: "row", paddingVertical: 4, borderBottomWidth: 0.5, borderBottomColor: colors.line, borderBottomStyle: "solid" },
  headRow: {
    flexDirection: "row",
    paddingVertical: 4,
    borderBottomWidth: 1,
    borderBottomColor: colors.ink,
    borderBottomStyle: "solid",
    fontFamily: "Helvetica-Bold",
    fontSize: 9,
  },
  description: { flexGrow: 1, flexBasis: 0, paddingRight: 8 },
  quantity: { width: 40, textAlign: "right" },
  money: { width: 80, textAlign: "right" },
  rate: { width: 50, textAlign: "right" },
  priceMode: { marginTop: 4 },
  summary: { flexDirection: "row", justifyContent: "space-between", marginTop: 16, gap: 24 },
  breakdown: { flexGrow: 1, flexBasis: 0 },
  breakdownLabel: { marginBottom: 4 },
  totals: { width: 220 },
  totalRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 2 },
  grandTotal: {
    flexDirection: "row",
    justifyContent: "space-between",
    paddingTop: 4,
    marginTop: 4,
    borderTopWidth: 1,
    borderTopColor: colors.ink,
    borderTopStyle: "solid",
    fontFamily: "Helvetica-Bold",
    fontSize: 12,
  },
  currency: { marginTop: 2, textAlign: "right" },
  after: { marginTop: 24 },
  note: { marginTop: 8 },
  // Anchored right only: react-pdf 4.9 drops a render-prop Text stretched between left and right.
  pageNumber: { position: "absolute", right: 40, bottom: 24, fontSize: 8, color: colors.muted },
});

interface TContext {
  data: TInvoicePdfData;
  totals: TInvoiceTotals;
  t: TMessages["invoice"];
  money: (minor: number) => string;
}

type TStyle = (typeof styles)[keyof typeof styles];

const row = (style: TStyle, cells: Array<[style: TStyle, text: string]>, options: { key?: number; fixed?: boolean } = {}) =>
  h(View, { key: options.key, style, wrap: false, fixed: options.fixed }, ...cells.map(([cellStyle, text]) => h(Text, { style: cellStyle }, text)));

function partiesAndMeta({ data, t }: TContext): ReactElement {
  const { seller, buyer } = data;
  const date = (value: Date) => formatDate(value, data.timeZone, data.locale);
  const metaRow = (label: string, value: string) => h(View, { style: styles.metaRow }, h(Text, { style: base.small }, label), h(Text, null, value));
  return h(
    View,
    { style: styles.parties },
    h(
      View,
      { style: styles.party },
      h(Text, { style: base.label }, t.billedTo),
      h(Text, { style: base.lines }, [buyer.name, ...(buyer.address ? addressLines(buyer.address) : []), buyer.email].join("\n")),
    ),
    h(
      View,
      { style: styles.party },
      h(Text, { style: base.label }, t.seller),
      h(Text, { style: base.lines }, [seller.name, `${t.vatId}: ${seller.vatId}`].join("\n")),
    ),
    h(
      View,
      { style: styles.meta },
      metaRow(t.number, data.number),
      metaRow(t.issueDate, date(data.issueDate)),
      data.supplyDate ? metaRow(t.supplyDate, date(data.supplyDate)) : null,
      data.dueDate ? metaRow(t.dueDate, date(data.dueDate)) : null,
      data.kind === "credit-note" ? metaRow(t.originalInvoice, data.originalInvoiceNumber) : null,
    ),
  );
}

function linesTable({ data, totals, t, money }: TContext): ReactElement {
  const sign = data.kind === "credit-note" ? -1 : 1;
  return h(
    View,
    null,
    // fixed: the column heads repeat on every page the table runs onto.
    row(
      styles.headRow,
      [
        [styles.description, t.description],
        [styles.quantity, t.quantity],
        [styles.money, t.unitPrice],
        [styles.rate, t.taxRate],
        [styles.money, t.lineTotal],
      ],
      { fixed: true },
    ),
    totals.lines.map((line, index) =>
      row(
        styles.row,
        [
          [styles.description, line.description],
          [styles.quantity, formatQuantity(line.quantity, data.locale)],
          [styles.money, money(sign * line.unitPriceMinor)],
          [styles.rate, formatPercent(line.taxRatePercent, data.locale)],
          [styles.money, money(line.totalMinor)],
        ],
        { key: index },
      ),
    ),
    h(Text, { style: [base.small, styles.priceMode] }, data.priceMode === "gross" ? t.pricesIncludeTax : t.pricesExcludeTax),
  );
}

function summary({ data, totals, t, money }: TContext): ReactElement {
  const totalRow = (label: string, value: number) => h(View, { style: styles.totalRow }, h(Text, null, label), h(Text, null, money(value)));
  return h(
    View,
    { style: styles.summary, wrap: false },
    h(
      View,
      { style: styles.breakdown },
      h(Text, { style: [base.label, styles.breakdownLabel] }, t.taxBreakdown),
      row(styles.headRow, [
        [styles.rate, t.taxRate],
        [styles.money, t.taxBase],
        [styles.money, t.taxAmount],
        [styles.money, t.gross],
      ]),
      totals.taxGroups.map((group) =>
        row(
          styles.row,
          [
            [styles.rate, formatPercent(group.taxRatePercent, data.locale)],
            [styles.money, money(group.netMinor)],
            [styles.money, money(group.taxMinor)],
            [styles.money, money(group.grossMinor)],
          ],
          { key: group.taxRatePercent },
        ),
      ),
    ),
    h(
      View,
      { style: styles.totals },
      totalRow(t.net, totals.netMinor),
      totalRow(t.tax, totals.taxMinor),
      h(View, { style: styles.grandTotal }, h(Text, null, data.kind === "credit-note" ? t.totalCredited : t.totalDue), h(Text, null, money(totals.grossMinor))),
      h(Text, { style: [base.small, styles.currency] }, `${t.currency}: ${data.currency}`),
    ),
  );
}

export function invoiceDocument(data: TInvoicePdfData): ReactElement<DocumentProps> {
  const t = messagesFor(data.locale).invoice;
  const totals = computeInvoiceTotals(data.lines, data.priceMode, data.kind === "credit-note" ? -1 : 1);
  const context: TContext = { data, totals, t, money: (minor) => formatMoney(minor, data.currency, data.locale) };
  const title = data.kind === "credit-note" ? t.creditNoteTitle : t.invoiceTitle;
  const { seller } = data;
  return h(
    Document,
    { title: `${title} ${data.number}`, author: seller.name, language: data.locale },
    h(
      Page,
      { size: "A4", style: base.page },
      h(
        View,
        null,
        h(
          View,
          { style: styles.header },
          h(Text, { style: styles.title }, title),
          h(Text, { style: styles.sellerHead }, [seller.name, ...addressLines(seller.address), seller.email, seller.website].filter(Boolean).join("\n")),
        ),
        partiesAndMeta(context),
        data.kind === "credit-note" ? h(Text, { style: styles.intro }, t.creditNoteIntro(data.originalInvoiceNumber)) : null,
        linesTable(context),
        summary(context),
        h(
          View,
          { style: styles.after, wrap: false },
          h(Text, null, `${t.paymentReference}: ${data.paymentReference}`),
          h(Text, null, data.kind === "credit-note" ? t.refundNote : t.paidNote),
          data.note ? h(Text, { style: styles.note }, data.note) : null,
        ),
      ),
      h(Text, { style: base.footer, fixed: true }, `${seller.name} · ${t.vatId} ${seller.vatId}`),
      h(Text, {
        style: styles.pageNumber,
        fixed: true,
        render: ({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }) => t.pageOf(pageNumber, totalPages),
      }),
    ),
  );
}
