/**
 * Designed placeholder art for an event without an image: a poster drawn from the event itself,
 * the same every time for the same event. The hue comes from a hash of the event's id, the motif
 * from its kind (reserved seating: rows of seats before a stage; general admission: stage lights
 * over a crowd), and the initials of its name are set large in a colour whose contrast with both
 * ends of the background, also under the motif's brightest highlight, was checked (WCAG AA for
 * large text needs 3:1; we hold 4.5:1).
 * Pure: the site renders the description as SVG elements (no markup strings, so no injection).
 */

export const ART_WIDTH = 1600;
export const ART_HEIGHT = 900;
/** The least contrast the initials keep against every background colour. */
export const MIN_TEXT_CONTRAST = 4.5;

export type TArtMotif = "stage-lights" | "seat-rows";

export interface TArtShape {
  kind: "circle" | "path";
  /** circle: cx, cy, r; path: d. */
  cx?: number;
  cy?: number;
  r?: number;
  d?: string;
  fill: string;
  opacity: number;
}

export interface TPlaceholderArt {
  /** Stable per event (the SVG's gradient ids derive from it). */
  seed: string;
  motif: TArtMotif;
  /** Gradient from the top-left to the bottom-right corner. */
  background: [string, string];
  shapes: TArtShape[];
  initials: string;
  textColor: string;
  /** The lowest contrast of textColor against the background colours, bare and highlighted (>= MIN_TEXT_CONTRAST). */
  textContrast: number;
}

/** FNV-1a, 32 bits: a small stable hash (not for security). */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/** A deterministic sequence of numbers in [0, 1) from a seed (mulberry32). */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function hslToRgb(hue: number, saturation: number, lightness: number): [number, number, number] {
  const s = saturation / 100;
  const l = lightness / 100;
  const k = (n: number) => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

const toHex = ([r, g, b]: [number, number, number]) => `#${[r, g, b].map((value) => value.toString(16).padStart(2, "0")).join("")}`;

function parseHex(color: string): [number, number, number] {
  const value = Number.parseInt(color.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function relativeLuminance(color: string): number {
  const [r, g, b] = parseHex(color).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(first: string, second: string): number {
  const [light, dark] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Up to two letters: the first letters of the first two words (letters and digits of any script). */
export function initialsOf(name: string): string {
  const words = name.match(/[\p{L}\p{N}][\p{L}\p{N}'’]*/gu) ?? [];
  const letters = words
    .filter((word) => !/^(the|a|an|der|die|das|ein|eine)$/i.test(word) || words.length === 1)
    .slice(0, 2)
    .map((word) => [...word][0]!.toLocaleUpperCase("en"));
  return letters.join("") || "★";
}

const TEXT_COLORS = ["#ffffff", "#0b1020"];

/** `color` under white at `opacity`: the lightest the motif's light shapes (beams, seats, stage glow) make the background. */
function underWhite(color: string, opacity: number): string {
  return toHex(parseHex(color).map((channel) => Math.round(channel + (255 - channel) * opacity)) as [number, number, number]);
}
/** The motif's shapes overlap at most to this much white (two beams at 0.16, seats at 0.34). */
export const MAX_HIGHLIGHT = 0.35;

/**
 * The background darkened step by step until one of the text colours reaches MIN_TEXT_CONTRAST
 * against both stops, bare and under the motif's brightest highlight.
 */
function paletteFor(hue: number, spread: number) {
  for (let lightness = 42; lightness >= 8; lightness -= 2) {
    const background: [string, string] = [toHex(hslToRgb(hue, 70, lightness)), toHex(hslToRgb((hue + spread) % 360, 65, Math.max(6, lightness - 14)))];
    const behindText = [...background, ...background.map((color) => underWhite(color, MAX_HIGHLIGHT))];
    for (const textColor of TEXT_COLORS) {
      const textContrast = Math.min(...behindText.map((color) => contrastRatio(textColor, color)));
      if (textContrast >= MIN_TEXT_CONTRAST) return { background, textColor, textContrast, lightness };
    }
  }
  // Unreachable: near-black stops against white text exceed 15:1.
  throw new Error("no contrasting palette");
}

const round = (value: number) => Math.round(value * 10) / 10;

function stageLights(random: () => number, hue: number): TArtShape[] {
  const shapes: TArtShape[] = [];
  const beams = 4 + Math.floor(random() * 3);
  for (let index = 0; index < beams; index += 1) {
    const top = ((index + 0.5) / beams) * ART_WIDTH + (random() - 0.5) * 120;
    const spread = 260 + random() * 260;
    const bottom = top + (random() - 0.5) * 900;
    const color = toHex(hslToRgb((hue + 30 + random() * 60) % 360, 90, 70));
    shapes.push({
      kind: "path",
      d: `M${round(top - 18)} 0 L${round(top + 18)} 0 L${round(bottom + spread)} ${ART_HEIGHT} L${round(bottom - spread)} ${ART_HEIGHT} Z`,
      fill: color,
      opacity: 0.16,
    });
  }
  // The crowd: a row of heads and raised hands along the bottom edge.
  for (let x = -20; x < ART_WIDTH + 40; x += 46 + random() * 30) {
    const r = 34 + random() * 26;
    shapes.push({ kind: "circle", cx: round(x), cy: round(ART_HEIGHT - 10 + random() * 30), r: round(r), fill: "#000000", opacity: 0.35 });
  }
  return shapes;
}

function seatRows(random: () => number, hue: number): TArtShape[] {
  const shapes: TArtShape[] = [];
  const centerX = ART_WIDTH / 2;
  const centerY = -260 - random() * 120;
  // The stage: a glowing arc at the top.
  shapes.push({ kind: "circle", cx: centerX, cy: centerY, r: 430, fill: toHex(hslToRgb((hue + 40) % 360, 85, 72)), opacity: 0.28 });
  for (let row = 0; row < 7; row += 1) {
    const radius = 560 + row * 92;
    const seats = 14 + row * 3;
    const seatR = 15 + row * 1.5;
    for (let seat = 0; seat <= seats; seat += 1) {
      const angle = Math.PI * (0.12 + (0.76 * seat) / seats);
      const cx = centerX + Math.cos(angle) * radius;
      const cy = centerY + Math.sin(angle) * radius;
      if (cy > ART_HEIGHT + seatR || cx < -seatR || cx > ART_WIDTH + seatR) continue;
      shapes.push({ kind: "circle", cx: round(cx), cy: round(cy), r: round(seatR), fill: "#ffffff", opacity: random() < 0.18 ? 0.34 : 0.12 });
    }
  }
  return shapes;
}

/** The art of one event: the same input always gives the same art. */
export function placeholderArt(event: { id: string; name: string; seatingMode: "RESERVED" | "GENERAL_ADMISSION" }): TPlaceholderArt {
  const seed = hash(`${event.id}|${event.name}`);
  const random = randomFrom(seed);
  const hue = Math.floor(random() * 360);
  const spread = 30 + Math.floor(random() * 60);
  const motif: TArtMotif = event.seatingMode === "RESERVED" ? "seat-rows" : "stage-lights";
  const palette = paletteFor(hue, spread);
  return {
    seed: seed.toString(36),
    motif,
    background: palette.background,
    shapes: motif === "seat-rows" ? seatRows(random, hue) : stageLights(random, hue),
    initials: initialsOf(event.name),
    textColor: palette.textColor,
    textContrast: Math.round(palette.textContrast * 100) / 100,
  };
}
