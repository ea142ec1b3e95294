import { Document, Page, Path, Rect, StyleSheet, Svg, Text, View, type DocumentProps } from "@react-pdf/renderer";
import { createElement as h, type ReactElement } from "react";
import { formatDateTime, formatMoney, formatTime } from "../format.ts";
import { messagesFor, type TMessages } from "../messages/index.ts";
import { base, colors, field } from "../pdf-styles.ts";
import { QR_QUIET_ZONE, qrMatrix, qrPathData } from "../qr.ts";
import { addressLines } from "../types.ts";
import type { TTicketPdfData, TTicketPdfTicket } from "./ticket-data.ts";

// Plain createElement instead of JSX: the API and the workers import this package's source and
// have no JSX settings in their tsconfig, so the package must compile without them.

const QR_SIZE_PT = 180; // ~63 mm: scans from a phone screen at arm's length and from cheap printers

const styles = StyleSheet.create({
  band: { backgroundColor: colors.band, color: colors.bandText, padding: 16, marginBottom: 20, borderRadius: 4 },
  eventName: { fontFamily: "Helvetica-Bold", fontSize: 22, lineHeight: 1.2 },
  bandMeta: { flexDirection: "row", justifyContent: "space-between", marginTop: 6, fontSize: 10 },
  body: { flexDirection: "row", gap: 24 },
  details: { flexGrow: 1, flexBasis: 0 },
  qrColumn: { width: QR_SIZE_PT, alignItems: "center" },
  shortCode: { fontFamily: "Courier-Bold", fontSize: 18, marginTop: 8, letterSpacing: 1 },
  hint: { marginTop: 24, paddingTop: 12, borderTopWidth: 1, borderTopColor: colors.line, borderTopStyle: "solid", color: colors.muted },
  hintText: { fontSize: 9, lineHeight: 1.35 },
});

function qrCode(signedCode: string): ReactElement {
  const matrix = qrMatrix(signedCode);
  const side = matrix.size + 2 * QR_QUIET_ZONE;
  return h(
    Svg,
    { width: QR_SIZE_PT, height: QR_SIZE_PT, viewBox: `0 0 ${side} ${side}` },
    h(Rect, { x: 0, y: 0, width: side, height: side, fill: "#ffffff" }),
    h(Path, { d: qrPathData(matrix), fill: "#000000" }),
  );
}

function seatText(ticket: TTicketPdfTicket, t: TMessages["ticket"]): string {
  if (!ticket.seat) return t.generalAdmission;
  const { section, row, seat } = ticket.seat;
  return [section && `${t.section} ${section}`, row && `${t.row} ${row}`, `${t.seatNumber} ${seat}`].filter(Boolean).join(" · ");
}

function ticketPage(data: TTicketPdfData, ticket: TTicketPdfTicket, index: number): ReactElement {
  const t = messagesFor(data.locale).ticket;
  const { event, order, locale } = data;
  const startsAt = formatDateTime(event.startsAt, event.timeZone, locale);
  return h(
    Page,
    { key: index, size: "A4", style: base.page },
    h(
      View,
      null,
      h(
        View,
        { style: styles.band },
        h(Text, { style: styles.eventName }, event.name),
        h(View, { style: styles.bandMeta }, h(Text, null, startsAt), h(Text, null, t.admitOne)),
      ),
      h(
        View,
        { style: styles.body },
        h(
          View,
          { style: styles.details },
          field(t.date, startsAt),
          event.doorsAt ? field(t.doorsOpen, formatTime(event.doorsAt, event.timeZone, locale)) : null,
          field(t.venue, [event.venue.name, ...addressLines(event.venue.address)]),
          field(t.ticketType, ticket.typeName),
          field(t.seat, seatText(ticket, t)),
          field(t.holder, ticket.holderName ?? order.buyerName),
          field(t.orderReference, order.reference),
          ticket.priceMinor === undefined ? null : field(t.price, formatMoney(ticket.priceMinor, data.currency, locale)),
        ),
        h(
          View,
          { style: styles.qrColumn },
          qrCode(ticket.signedCode),
          h(Text, { style: base.label }, t.shortCode),
          h(Text, { style: styles.shortCode }, ticket.shortCode),
        ),
      ),
      h(View, { style: styles.hint }, h(Text, { style: styles.hintText }, t.scanHint), h(Text, { style: styles.hintText }, t.personalNote)),
    ),
    h(View, { style: base.footer, fixed: true }, h(Text, null, data.platformName ?? "Marquee"), h(Text, null, t.pageOf(index + 1, data.tickets.length))),
  );
}

export function ticketDocument(data: TTicketPdfData): ReactElement<DocumentProps> {
  const t = messagesFor(data.locale).ticket;
  return h(
    Document,
    { title: t.documentTitle(data.order.reference), author: data.platformName ?? "Marquee", language: data.locale },
    data.tickets.map((ticket, index) => ticketPage(data, ticket, index)),
  );
}
