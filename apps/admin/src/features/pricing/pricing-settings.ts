import type { AdminRouterOutputs } from "@marquee/api";

export type TPricing = AdminRouterOutputs["pricing"]["get"];

/** The form's values as typed (euros, per-minute rates), before they become minor units. */
export interface TSettingsDraft {
  enabled: boolean;
  floor: string;
  ceiling: string;
  step: string;
  windowMinutes: string;
  raiseAtPerMinute: string;
  scarcityPct: string;
  lowerAtPerMinute: string;
  minIntervalMinutes: string;
}

const euros = (minor: number) => (minor / 100).toFixed(2);
const minor = (value: string) => Math.round(Number(value || "0") * 100);
const optional = (value: string) => (value.trim() === "" ? null : Number(value));

/** Saved settings, or a starting point around the tier price: floor −20 %, ceiling +60 %, steps of 10 %. */
export function draftOf(pricing: TPricing): TSettingsDraft {
  const s = pricing.settings;
  if (s)
    return {
      enabled: s.enabled,
      floor: euros(s.floorMinor),
      ceiling: euros(s.ceilingMinor),
      step: euros(s.stepMinor),
      windowMinutes: String(s.windowMinutes),
      raiseAtPerMinute: String(s.raiseAtPerMinute),
      scarcityPct: s.scarcityPct === null ? "" : String(s.scarcityPct),
      lowerAtPerMinute: s.lowerAtPerMinute === null ? "" : String(s.lowerAtPerMinute),
      minIntervalMinutes: String(s.minIntervalSeconds / 60),
    };
  const base = pricing.tierPriceMinor ?? 2000;
  return {
    enabled: false,
    floor: euros(Math.round(base * 0.8)),
    ceiling: euros(Math.round(base * 1.6)),
    step: euros(Math.max(1, Math.round(base * 0.1))),
    windowMinutes: "15",
    raiseAtPerMinute: "2",
    scarcityPct: "10",
    lowerAtPerMinute: "",
    minIntervalMinutes: "5",
  };
}

/** The rule's settings from the form (enabled separately: the simulation never turns anything on). */
export function rulesOf(draft: TSettingsDraft) {
  return {
    floorMinor: minor(draft.floor),
    ceilingMinor: minor(draft.ceiling),
    stepMinor: minor(draft.step),
    windowMinutes: Number.parseInt(draft.windowMinutes, 10) || 0,
    raiseAtPerMinute: Number(draft.raiseAtPerMinute),
    scarcityPct: optional(draft.scarcityPct),
    lowerAtPerMinute: optional(draft.lowerAtPerMinute),
    minIntervalSeconds: Math.round(Number(draft.minIntervalMinutes || "0") * 60),
  };
}

/** The last Friday before today (UTC), as the simulation's default day. */
export function lastFriday(now: Date): string {
  const back = (now.getUTCDay() - 5 + 7) % 7 || 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - back * 86_400_000).toISOString().slice(0, 10);
}
