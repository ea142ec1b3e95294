import type { RouterInputs } from "@marquee/api";

export type TListingInput = Exclude<RouterInputs["event"]["list"], void | undefined>;
export type TListingParams = { q?: string; city?: string; from?: string; to?: string; seating?: string };

const DAY_MS = 24 * 3_600_000;
const isDay = (value: string | undefined): value is string =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
const text = (value: string | string[] | undefined) => (typeof value === "string" ? value.trim().slice(0, 100) : "");

/** The home page's query string to a listing request; anything malformed is dropped, not an error. */
export function listingSearch(params: Record<string, string | string[] | undefined>): { params: TListingParams; input: TListingInput } {
  const q = text(params.q);
  const city = text(params.city);
  const from = text(params.from);
  const to = text(params.to);
  const seating = text(params.seating);
  const input: TListingInput = { limit: 50 };
  if (q) input.search = q;
  if (city) input.city = city;
  // Dates are whole days; "until" includes its day.
  if (isDay(from)) input.from = new Date(`${from}T00:00:00Z`);
  if (isDay(to)) input.to = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
  if (seating === "GENERAL_ADMISSION" || seating === "RESERVED") input.seating = seating;
  return {
    params: { q: q || undefined, city: city || undefined, from: isDay(from) ? from : undefined, to: isDay(to) ? to : undefined, seating: input.seating },
    input,
  };
}
