import type { RouterOutputs } from "@marquee/api";
import Image from "next/image";
import { EventArt } from "./event-art.tsx";
import "~/styles/event-media.css";

type TEventImage = NonNullable<RouterOutputs["event"]["get"]["image"]>;

/**
 * An event's image, responsive (srcset of the stored sizes, `sizes` from the layout, a blurred
 * placeholder while it loads), or its placeholder art when it has none. `preload` for the first
 * image above the fold (the page's largest paint).
 */
export function EventMedia({
  event,
  sizes,
  preload = false,
  variant,
}: {
  event: { id: string; name: string; seatingMode: "RESERVED" | "GENERAL_ADMISSION"; image: TEventImage | null };
  sizes: string;
  preload?: boolean;
  variant: "card" | "hero";
}) {
  const { image } = event;
  return (
    <div className={`event-media event-media-${variant}`} style={image?.color ? { backgroundColor: image.color } : undefined}>
      {image ? (
        <Image
          src={image.url}
          alt={image.alt}
          lang={image.altLanguage}
          width={image.width}
          height={image.height}
          sizes={sizes}
          preload={preload}
          fetchPriority={preload ? "high" : undefined}
          placeholder={image.placeholder ? "blur" : "empty"}
          blurDataURL={image.placeholder ?? undefined}
          data-testid="event-image"
        />
      ) : (
        <EventArt event={event} />
      )}
    </div>
  );
}
