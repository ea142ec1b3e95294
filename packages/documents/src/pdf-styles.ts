import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { createElement, type ReactElement } from "react";

// Built-in PDF fonts only (Helvetica, Courier): nothing is fetched or embedded. They cover Latin-1
// (WinAnsi); names in other scripts need a registered TTF font (see README).
export const colors = {
  ink: "#111827",
  muted: "#6b7280",
  line: "#d1d5db",
  band: "#1f2937",
  bandText: "#ffffff",
  accent: "#4f46e5",
};

export const base = StyleSheet.create({
  page: { fontFamily: "Helvetica", fontSize: 10, color: colors.ink, padding: 40 },
  // Line height goes on each multi-line Text together with its fontSize. react-pdf 4.9 resolves a
  // lineHeight against the default font size unless both sit in one style, and one inherited from
  // the Page hides render-prop page numbers.
  lines: { fontSize: 10, lineHeight: 1.35 },
  label: { fontSize: 8, color: colors.muted, textTransform: "uppercase", letterSpacing: 0.5, marginBottom: 1 },
  value: { fontSize: 11, marginBottom: 8, lineHeight: 1.35 },
  bold: { fontFamily: "Helvetica-Bold" },
  small: { fontSize: 8, color: colors.muted },
  footer: { position: "absolute", left: 40, right: 40, bottom: 24, fontSize: 8, color: colors.muted, flexDirection: "row", justifyContent: "space-between" },
});

/** A small grey label above its value; an array prints one line each. */
export function field(label: string, value: string | string[]): ReactElement {
  return createElement(
    View,
    { wrap: false },
    createElement(Text, { style: base.label }, label),
    createElement(Text, { style: base.value }, Array.isArray(value) ? value.join("\n") : value),
  );
}
