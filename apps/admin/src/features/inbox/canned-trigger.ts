// The composer's canned-reply trigger: a `/` at the start of the text or after a space, followed by
// the short code typed so far, right before the caret ("Hi! /ref" → "ref").

export interface TCannedTrigger {
  /** Where the `/` is. */
  start: number;
  /** The caret: the trigger ends here. */
  end: number;
  query: string;
}

export function findCannedTrigger(text: string, caret: number): TCannedTrigger | null {
  const before = text.slice(0, caret);
  const match = /(?:^|\s)\/([a-z0-9-]{0,40})$/i.exec(before);
  if (!match) return null;
  const query = match[1] ?? "";
  return { start: caret - query.length - 1, end: caret, query: query.toLowerCase() };
}

/** The text with the trigger replaced by the canned reply's body, and where the caret goes after it. */
export function replaceTrigger(text: string, trigger: TCannedTrigger, body: string): { text: string; caret: number } {
  return { text: text.slice(0, trigger.start) + body + text.slice(trigger.end), caret: trigger.start + body.length };
}

/** Canned replies whose short code starts with the query first, then those whose code or title contain it. */
export function filterCanned<T extends { shortcut: string; title: string }>(replies: readonly T[], query: string, max = 8): T[] {
  const q = query.toLowerCase();
  const starts = replies.filter((reply) => reply.shortcut.startsWith(q));
  const contains = replies.filter((reply) => !reply.shortcut.startsWith(q) && (reply.shortcut.includes(q) || reply.title.toLowerCase().includes(q)));
  return [...starts, ...contains].slice(0, max);
}
