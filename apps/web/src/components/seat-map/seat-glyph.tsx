// One seat's drawing. States differ by shape, not colour alone: available = filled circle in the
// price zone's colour, selected = larger dark circle with a tick, on hold = dashed ring, sold or
// unavailable = grey circle with a cross, not for sale = small grey square.

export type TSeatLook = "available" | "selected" | "held" | "sold" | "blocked";

export const SEAT_RADIUS = 6;

export function SeatGlyph({
  look,
  color,
  x,
  y,
  r = SEAT_RADIUS,
  accessible = false,
}: {
  look: TSeatLook;
  color: string;
  x: number;
  y: number;
  r?: number;
  accessible?: boolean;
}) {
  const cross = r * 0.5;
  return (
    <>
      {look === "available" ? <circle cx={x} cy={y} r={r} fill={color} stroke="#ffffff" strokeWidth={r * 0.15} /> : null}
      {look === "selected" ? (
        <>
          <circle cx={x} cy={y} r={r * 1.15} fill="#111827" stroke={color} strokeWidth={r * 0.3} />
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
