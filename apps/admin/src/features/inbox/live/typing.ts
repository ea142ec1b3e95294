// The typing indicator's rules, apart from the hook so they can be tested without a DOM.

/** Someone is "typing" for this long after their last typing event. */
export const TYPING_SHOWN_MS = 4_000;
/** notifyTyping sends at most one event per this interval (well under TYPING_SHOWN_MS). */
export const TYPING_THROTTLE_MS = 1_500;

export interface TAgentRef {
  id: string;
  name: string;
}

/** Who is typing at `now`: those whose last typing event is under TYPING_SHOWN_MS old, earliest first. */
export function typingAgents(lastTyped: ReadonlyMap<string, { name: string; at: number }>, now: number): TAgentRef[] {
  return [...lastTyped]
    .filter(([, entry]) => now - entry.at < TYPING_SHOWN_MS)
    .sort(([, a], [, b]) => a.at - b.at)
    .map(([id, entry]) => ({ id, name: entry.name }));
}

/** Whether a typing event may be sent at `now` after one at `lastSentAt` (the throttle of notifyTyping). */
export const mayNotifyTyping = (lastSentAt: number, now: number) => now - lastSentAt >= TYPING_THROTTLE_MS;
