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

/** Web or e-mail, as a small mark with a name for screen readers. */
export function ChannelMark({ channel }: { channel: "WEB" | "EMAIL" }) {
  const label = channel === "EMAIL" ? "By e-mail" : "From the web site";
  return (
    <span className="channel-mark" title={label} role="img" aria-label={label}>
      {channel === "EMAIL" ? "✉" : "🌐"}
    </span>
  );
}
