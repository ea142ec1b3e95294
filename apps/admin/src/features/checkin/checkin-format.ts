// Small wordings of the check-in screens, kept pure so they are tested without a browser.

/** "just now", "12 s ago", "4 min ago", "2 h ago", or "never" for no time at all. */
export function agoText(at: Date | null | undefined, now: number): string {
  if (!at) return "never";
  const seconds = Math.max(0, Math.round((now - at.getTime()) / 1000));
  if (seconds < 3) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** The time left until an expiry as "14:05" (minutes:seconds), "0:00" once past. */
export function countdownText(expiresAt: Date, now: number): string {
  const left = Math.max(0, Math.ceil((expiresAt.getTime() - now) / 1000));
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
}

/** A pairing token in groups of four for typing (XXXX-XXXX-XXXX); a token already grouped stays as it is. */
export function groupedToken(token: string): string {
  if (token.includes("-")) return token.toUpperCase();
  return (token.toUpperCase().match(/.{1,4}/g) ?? []).join("-");
}

/** Admitted out of tickets as a whole percentage for the bar (0 when there are no tickets, never over 100). */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.min(100, Math.round((part / whole) * 100));
}
