import { ART_HEIGHT, ART_WIDTH, placeholderArt } from "@marquee/api/services/event-image/placeholder-art";
import { useId } from "react";

/**
 * The designed placeholder of an event without an image (packages/api placeholder-art.ts): the
 * same poster for the same event everywhere. Decorative: the event's name is next to it.
 */
export function EventArt({ event }: { event: { id: string; name: string; seatingMode: "RESERVED" | "GENERAL_ADMISSION" } }) {
  const art = placeholderArt(event);
  const gradientId = `event-art-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  return (
    <svg
      className="event-art"
      viewBox={`0 0 ${ART_WIDTH} ${ART_HEIGHT}`}
      preserveAspectRatio="xMidYMid slice"
      aria-hidden="true"
      focusable="false"
      data-testid="event-placeholder-art"
      data-motif={art.motif}
    >
      <defs>
        <linearGradient id={gradientId} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor={art.background[0]} />
          <stop offset="1" stopColor={art.background[1]} />
        </linearGradient>
      </defs>
      <rect width={ART_WIDTH} height={ART_HEIGHT} fill={`url(#${gradientId})`} />
      {art.shapes.map((shape, index) =>
        shape.kind === "circle" ? (
          <circle key={index} cx={shape.cx} cy={shape.cy} r={shape.r} fill={shape.fill} opacity={shape.opacity} />
        ) : (
          <path key={index} d={shape.d} fill={shape.fill} opacity={shape.opacity} />
        ),
      )}
      <text
        x="96"
        y="300"
        fontSize="260"
        fontWeight="800"
        letterSpacing="-6"
        fill={art.textColor}
        fontFamily="system-ui, -apple-system, 'Segoe UI', sans-serif"
      >
        {art.initials}
      </text>
    </svg>
  );
}
