import { LOW_CONTRAST_OUTLINE, needsOutline } from "~/components/seat-map/seat-colours.ts";

// One seat's drawing. States differ by shape, not colour alone: available = filled circle in the
// price zone's colour, selected = dark circle with a tick inside a dark outer ring, on hold =
// dashed ring, sold or unavailable = grey circle with a cross, not for sale = small grey square.
// A suggested seat (best available) gets a dotted ring around whatever it shows.

export type TSeatLook = "available" | "selected" | "held" | "sold" | "blocked";

export const SEAT_RADIUS = 6;

export function SeatGlyph({
  look,
  color,
  x,
  y,
  r = SEAT_RADIUS,
  accessible = false,
  suggested = false,
}: {
  look: TSeatLook;
  color: string;
  x: number;
  y: number;
  r?: number;
  accessible?: boolean;
  suggested?: boolean;
}) {
  const cross = r * 0.5;
  return (
    <>
      {suggested ? <circle cx={x} cy={y} r={r * 1.55} fill="none" stroke="#111827" strokeWidth={r * 0.18} strokeDasharray={`${r * 0.3} ${r * 0.25}`} /> : null}
      {look === "available" ? (
        <circle cx={x} cy={y} r={r} fill={color} stroke={needsOutline(color) ? LOW_CONTRAST_OUTLINE : "#ffffff"} strokeWidth={r * 0.15} />
      ) : null}
      {look === "selected" ? (
        <>
          <circle cx={x} cy={y} r={r * 1.5} fill="#ffffff" stroke="#111827" strokeWidth={r * 0.2} />
          <circle cx={x} cy={y} r={r * 1.1} fill="#111827" stroke={color} strokeWidth={r * 0.25} />
          <path
            d={`M${x - r * 0.5} ${y} L${x - r * 0.12} ${y + r * 0.42} L${x + r * 0.55} ${y - r * 0.42}`}
            fill="none"
            stroke="#ffffff"
            strokeWidth={r * 0.28}
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </>
      ) : null}
      {look === "held" ? (
        <circle cx={x} cy={y} r={r * 0.85} fill="#ffffff" stroke="#4b5563" strokeWidth={r * 0.3} strokeDasharray={`${r * 0.55} ${r * 0.35}`} />
      ) : null}
      {look === "sold" ? (
        <>
          <circle cx={x} cy={y} r={r} fill="#6b7280" />
          <path
            d={`M${x - cross} ${y - cross} L${x + cross} ${y + cross} M${x + cross} ${y - cross} L${x - cross} ${y + cross}`}
            stroke="#ffffff"
            strokeWidth={r * 0.25}
            strokeLinecap="round"
          />
        </>
      ) : null}
      {look === "blocked" ? (
        <rect x={x - r * 0.7} y={y - r * 0.7} width={r * 1.4} height={r * 1.4} fill="#d1d5db" stroke="#4b5563" strokeWidth={r * 0.2} />
      ) : null}
      {accessible && look === "available" ? <circle cx={x} cy={y} r={r * 0.3} fill="#ffffff" /> : null}
    </>
  );
}

/** The legend's "available" swatch: one wedge per zone colour, so it matches no single zone. */
export function ZoneMixGlyph({ colors, x, y, r }: { colors: string[]; x: number; y: number; r: number }) {
  if (colors.length <= 1) return <SeatGlyph look="available" color={colors[0] ?? "#6b7280"} x={x} y={y} r={r} />;
  const point = (turn: number) => [x + r * Math.sin(turn * 2 * Math.PI), y - r * Math.cos(turn * 2 * Math.PI)] as const;
  return (
    <>
      {colors.map((color, index) => {
        const [x1, y1] = point(index / colors.length);
        const [x2, y2] = point((index + 1) / colors.length);
        return <path key={`${color}-${index}`} d={`M${x} ${y} L${x1} ${y1} A${r} ${r} 0 0 1 ${x2} ${y2} Z`} fill={color} />;
      })}
      <circle cx={x} cy={y} r={r} fill="none" stroke="#ffffff" strokeWidth={r * 0.15} />
    </>
  );
}
