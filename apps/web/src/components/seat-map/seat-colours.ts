// Colour checks for the seat map. Seats are graphics, so WCAG 1.4.11 asks for 3:1 against what
// is behind them (the canvas, #ffffff, and the section fill, #f9fafb). The fixed state colours
// pass on the section fill: selected #111827 (17.0:1), held ring #4b5563 (7.2:1), sold #6b7280
// (4.6:1), blocked outline #4b5563 (7.2:1; its #d1d5db fill is not what carries it). Zone colours
// come from the organiser, so they are checked when drawn (the demo's: 4.8, 6.0 and 4.6:1).

/** Behind every seat: the section fill, the darker of the two backgrounds. */
export const SEAT_BACKGROUND = "#f9fafb";
/** The outline an available seat gets when its zone colour alone is too light. */
export const LOW_CONTRAST_OUTLINE = "#374151";

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of #rgb or #rrggbb; null for anything else (named colours are not checked). */
export function luminance(hex: string): number | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return null;
  const digits = match[1]!.length === 3 ? [...match[1]!].map((d) => d + d).join("") : match[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16));
  return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
}

export function contrastRatio(a: string, b: string): number | null {
  const [la, lb] = [luminance(a), luminance(b)];
  if (la === null || lb === null) return null;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** True when a zone colour needs the dark outline to stand out at 3:1 (unknown formats get it too). */
export function needsOutline(color: string): boolean {
  return (contrastRatio(color, SEAT_BACKGROUND) ?? 0) < 3;
}
