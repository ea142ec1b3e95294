import { formatDateTime } from "@marquee/ui/format";
import { firstName, formatBytes } from "./inbox-format.ts";
import type { TInboxConversation, TInboxMessage } from "./inbox-types.ts";

/** The conversation as it happened: the buyer's messages, our replies, internal notes in yellow, events as small centred lines. */
export function Thread({ conversation, newSinceId }: { conversation: TInboxConversation; newSinceId?: string | null }) {
  const newFrom = newSinceId ? conversation.messages.findIndex((message) => message.id === newSinceId) + 1 : -1;
  return (
    <ol className="thread" aria-label="Messages">
      {conversation.messages.map((message, index) => (
        <MessageView
          key={message.id}
          message={message}
          requester={conversation.requesterName ?? conversation.requesterEmail}
          isNew={newFrom > 0 && index >= newFrom}
        />
      ))}
    </ol>
  );
}

/** A system event's sentence: the message's own text when it has one, else one from the event's name. */
function systemSentence(message: TInboxMessage): string {
  if (message.body.trim()) return message.body;
  const who = message.author ? firstName(message.author) : "The system";
  return `${message.systemEvent ?? "Event"} · ${who}`;
}

function MessageView({ message, requester, isNew }: { message: TInboxMessage; requester: string; isNew: boolean }) {
  const when = (
    <time dateTime={message.createdAt.toISOString()} className="muted small">
      {formatDateTime(message.createdAt)}
    </time>
  );
  if (message.authorKind === "SYSTEM") {
    return (
      <li className="thread-event small">
        <span>{systemSentence(message)}</span> {when}
      </li>
    );
  }
  const kind = message.authorKind === "BUYER" ? "buyer" : message.internal ? "note" : "agent";
  const author = message.authorKind === "BUYER" ? requester : message.author ? (message.author.name ?? message.author.email) : "Support team";
  return (
    <li className={`thread-message thread-${kind}`}>
      <article aria-label={`${kind === "note" ? "Internal note" : "Message"} from ${author}`}>
        <header className="thread-header">
          <strong>{author}</strong>
          {kind === "note" ? <span className="badge thread-note-badge">Internal note</span> : null}
          {message.channel === "EMAIL" ? <span className="badge">{message.authorKind === "BUYER" ? "By e-mail" : "E-mail"}</span> : null}
          {isNew ? <span className="badge thread-new">New</span> : null}
          {when}
        </header>
        <div className="thread-body">{message.body}</div>
        {message.attachments.length > 0 ? (
          <ul className="thread-attachments small" aria-label="Attachments">
            {message.attachments.map((attachment) => (
              <li key={attachment.id}>
                Attachment: {attachment.fileName} <span className="muted">({formatBytes(attachment.sizeBytes)})</span>
              </li>
            ))}
          </ul>
        ) : null}
        {message.authorKind === "AGENT" && !message.internal && message.emailSentAt ? (
          <p className="muted small">E-mailed to the buyer {formatDateTime(message.emailSentAt)}</p>
        ) : null}
      </article>
    </li>
  );
}
