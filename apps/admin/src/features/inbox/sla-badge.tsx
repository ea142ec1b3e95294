import { slaText } from "./inbox-format.ts";
import type { TSlaState } from "./inbox-types.ts";

/** The response target: amber when under a quarter of it is left, red once missed; nothing when no answer is owed. */
export function SlaBadge({ sla, now }: { sla: TSlaState; now?: number }) {
  const text = slaText(sla, now);
  if (!text || sla.state === "ok") {
    return text ? (
      <span className="badge sla-badge" title={text.long} aria-label={text.long}>
        {text.short}
      </span>
    ) : null;
  }
  return (
    <span className={`badge sla-badge sla-${sla.state}`} title={text.long} aria-label={text.long}>
      {text.short}
    </span>
  );
}

/** Web or e-mail, as a small outline icon with a name for screen readers (no emoji: not every system has the font). */
export function ChannelMark({ channel }: { channel: "WEB" | "EMAIL" }) {
  const label = channel === "EMAIL" ? "By e-mail" : "From the web site";
  return (
    <span className="channel-mark" title={label} role="img" aria-label={label}>
      <svg viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
        {channel === "EMAIL" ? (
          <>
            <rect x="1.5" y="3.5" width="13" height="9" rx="1.5" />
            <path d="M2 4.5l6 4.5 6-4.5" />
          </>
        ) : (
          <>
            <circle cx="8" cy="8" r="6.25" />
            <path d="M1.75 8h12.5M8 1.75c-2.2 2.4-2.2 10.1 0 12.5M8 1.75c2.2 2.4 2.2 10.1 0 12.5" />
          </>
        )}
      </svg>
    </span>
  );
}
