import { readApiEnv } from "../../../env.ts";

let checkinUrl: string | undefined;

/** The scanner app's public URL (CHECKIN_URL), read on first use (never at import, so builds need no configuration); pairing payloads carry it. */
export function checkinAppUrl(): string {
  checkinUrl ??= readApiEnv().CHECKIN_URL;
  return checkinUrl;
}
