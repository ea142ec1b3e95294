import { z } from "zod";
import { resolveTextIn, type TContentLanguage } from "../content/resolve-content.ts";
import { EVENT_IMAGE_WIDTHS, eventImageUrl } from "./event-image-files.ts";

export const ZEventImage = z.object({
  /** The largest stored size, a path on the shop's origin (`/api/images/...`). */
  url: z.string(),
  /** Every stored size for `<img srcset>`. */
  srcSet: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** Alternative text in the requested language, else the event's default language. */
  alt: z.string(),
  altLanguage: z.string(),
  /** Dominant colour (#rrggbb), for the frame while the image loads. */
  color: z.string().nullable(),
  /** A tiny blurred data: URL. */
  placeholder: z.string().nullable(),
});
export type TEventImage = z.infer<typeof ZEventImage>;

/** The Event columns an image is read from. */
export const EVENT_IMAGE_SELECT = {
  imageKey: true,
  imageWidth: true,
  imageHeight: true,
  imageAlt: true,
  imageColor: true,
  imagePlaceholder: true,
  translations: true,
  defaultLanguage: true,
} as const;

interface TEventImageRow {
  imageKey: string | null;
  imageWidth: number | null;
  imageHeight: number | null;
  imageAlt: string;
  imageColor: string | null;
  imagePlaceholder: string | null;
  translations: unknown;
}

/** The event's image for a reader of `language`; null when it has none (the site draws placeholder art). */
export function publicEventImage(event: TEventImageRow, language: TContentLanguage): TEventImage | null {
  if (!event.imageKey || !event.imageWidth || !event.imageHeight) return null;
  const widths = EVENT_IMAGE_WIDTHS.filter((width) => width < event.imageWidth!);
  const alt = resolveTextIn(event.imageAlt, event.translations, "imageAlt", language);
  return {
    url: eventImageUrl(event.imageKey, event.imageWidth),
    srcSet: [...widths, event.imageWidth].map((width) => `${eventImageUrl(event.imageKey!, width)} ${Math.min(width, event.imageWidth!)}w`).join(", "),
    width: event.imageWidth,
    height: event.imageHeight,
    alt: alt.text,
    altLanguage: alt.language,
    color: event.imageColor,
    placeholder: event.imagePlaceholder,
  };
}
