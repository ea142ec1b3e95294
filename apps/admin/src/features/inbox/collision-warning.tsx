import { formatTime } from "@marquee/ui/format";
import type { TInboxMessage } from "./inbox-types.ts";

/** A held reply: what arrived since the agent began writing, and the choice to send anyway or go back to the draft. */
export function CollisionWarning({
  messages,
  requester,
  sending,
  onSendAnyway,
  onCancel,
}: {
  messages: TInboxMessage[];
  requester: string;
  sending: boolean;
  onSendAnyway: () => void;
  onCancel: () => void;
}) {
  const shown = messages.filter((message) => message.authorKind !== "SYSTEM");
  return (
    <div className="collision-warning" role="alert">
      <p>
        <strong>Not sent yet:</strong> {shown.length === 1 ? "a new message arrived" : `${shown.length || "new"} messages arrived`} while you were writing.
      </p>
      <ul className="collision-messages">
        {shown.map((message) => (
          <li key={message.id}>
            <strong>{message.authorKind === "BUYER" ? requester : (message.author?.name ?? message.author?.email ?? "Support team")}</strong>
            {message.internal ? " (internal note)" : ""} at {formatTime(message.createdAt)}: <span className="collision-body">{message.body}</span>
          </li>
        ))}
      </ul>
      <div className="inline-controls">
        <button type="button" className="button button-primary" disabled={sending} onClick={onSendAnyway}>
          Send anyway
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
