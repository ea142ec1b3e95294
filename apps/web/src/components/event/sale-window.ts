export type TSaleWindow = "on-sale" | "soon" | "ended";

/** Whether something with this window sells at `now` (the event, or one ticket type). */
export function saleWindow(start: Date | null, end: Date | null, now: Date): TSaleWindow {
  if (start && now < start) return "soon";
  if (end && now >= end) return "ended";
  return "on-sale";
}
