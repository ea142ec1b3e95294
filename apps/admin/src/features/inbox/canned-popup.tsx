"use client";

import type { ZCannedReply } from "@marquee/api/services/inbox/inbox-schemas";
import type { z } from "zod";

export type TCannedReply = z.infer<typeof ZCannedReply>;

/** The `/` popup: the matching canned replies as a listbox the composer drives with the arrow keys (the focus stays in the text). */
export function CannedPopup({
  id,
  replies,
  active,
  onPick,
  onHover,
}: {
  id: string;
  replies: TCannedReply[];
  active: number;
  onPick: (reply: TCannedReply) => void;
  onHover: (index: number) => void;
}) {
  if (replies.length === 0) {
    return (
      <div className="canned-popup card small muted" id={id} role="status">
        No canned reply matches. Canned replies are set up in the inbox settings.
      </div>
    );
  }
  return (
    <ul className="canned-popup card" id={id} role="listbox" aria-label="Canned replies">
      {replies.map((reply, index) => (
        <li
          key={reply.id}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === active}
          className="canned-option"
          onMouseDown={(event) => {
            // Keep the focus (and the caret) in the text while picking with the mouse.
            event.preventDefault();
            onPick(reply);
          }}
          onMouseEnter={() => onHover(index)}
        >
          <span className="canned-shortcut">/{reply.shortcut}</span> <span>{reply.title}</span>
        </li>
      ))}
    </ul>
  );
}
