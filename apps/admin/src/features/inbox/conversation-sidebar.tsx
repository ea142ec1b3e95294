import { formatDateTime } from "@marquee/ui/format";
import Link from "next/link";
import type { ReactNode } from "react";
import { orgPath } from "~/lib/org-path.ts";
import { STATUS_LABEL } from "./inbox-format.ts";
import type { TInboxConversation } from "./inbox-types.ts";

/** Who the buyer is, their orders (the order panel, passed in: it brings its own heading), and their other conversations. */
export function ConversationSidebar({ organizationId, conversation, orders }: { organizationId: string; conversation: TInboxConversation; orders: ReactNode }) {
  const { buyer } = conversation;
  return (
    <>
      <section aria-labelledby="buyer-heading" className="card sidebar-section">
        <h2 id="buyer-heading">Buyer</h2>
        <dl className="buyer-facts">
          <dt>Name</dt>
          <dd>{buyer.name ?? <span className="muted">Not given</span>}</dd>
          <dt>E-mail</dt>
          <dd className="break-all">
            <a href={`mailto:${buyer.email}`}>{buyer.email}</a>
          </dd>
          <dt>Account</dt>
          <dd>{buyer.hasAccount ? "Has an account" : "Guest"}</dd>
          <dt>Language</dt>
          <dd>{languageName(buyer.locale)}</dd>
          {conversation.event ? (
            <>
              <dt>About</dt>
              <dd>
                {conversation.event.name}
                <span className="muted small block">{formatDateTime(conversation.event.startsAt)}</span>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <div className="card sidebar-section">{orders}</div>
      <section aria-labelledby="others-heading" className="card sidebar-section">
        <h2 id="others-heading">Other conversations</h2>
        {buyer.otherConversations.length === 0 ? (
          <p className="muted small">None: this is the buyer's only conversation.</p>
        ) : (
          <ul className="plain-list other-conversations">
            {buyer.otherConversations.map((other) => (
              <li key={other.id}>
                <Link href={orgPath(organizationId, `/inbox/${other.id}`)}>
                  #{other.number} {other.subject}
                </Link>
                <span className="muted small block">
                  {STATUS_LABEL[other.status]} · {formatDateTime(other.lastMessageAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

const languages = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(["en"], { type: "language" }) : null;

function languageName(locale: string): string {
  try {
    return languages?.of(locale) ?? locale;
  } catch {
    return locale;
  }
}
