"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { orgPath } from "~/lib/org-path.ts";
import { Composer } from "./composer.tsx";
import { useConversationPresence, useInboxLive } from "./live/index.ts";
import { BuyerOrdersPanel } from "./order-panel/index.ts";
import { PresenceLine } from "./presence-line.tsx";
import { ConversationControls } from "./conversation-controls.tsx";
import { ConversationSidebar } from "./conversation-sidebar.tsx";
import { STATUS_LABEL } from "./inbox-format.ts";
import { ChannelMark, SlaBadge } from "./sla-badge.tsx";
import "./inbox.css";
import { Thread } from "./thread.tsx";
import { useNow } from "./use-now.ts";

/**
 * One conversation: the header, the thread and the composer, and beside them (below them on a
 * phone) the settings, the buyer, their orders and other conversations.
 */
export function ConversationView({ organizationId, conversationId, userId }: { organizationId: string; conversationId: string; userId: string }) {
  const trpc = useTRPC();
  const now = useNow();
  const query = useQuery(trpc.inbox.get.queryOptions({ organizationId, conversationId }));
  // New messages and changes refetch this conversation (and the list, for when the agent goes back).
  useInboxLive(organizationId);
  const presence = useConversationPresence(organizationId, conversationId);
  // What the composer counts as seen: messages after it (arrived while the agent was writing) are marked new.
  const [seenId, setSeenId] = useState<string | null>(null);
  if (query.isPending) return <p className="muted">Loading the conversation…</p>;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const conversation = query.data;
  return (
    <div className="conversation">
      <header className="conversation-header">
        <Link href={orgPath(organizationId, "/inbox")} className="small">
          ← Inbox
        </Link>
        <h1>
          <span className="inbox-number">#{conversation.number}</span> {conversation.subject}
        </h1>
        <div className="inbox-row-facts">
          <ChannelMark channel={conversation.channel} />
          <span className={`badge status-${conversation.status.toLowerCase()}`}>{STATUS_LABEL[conversation.status]}</span>
          <SlaBadge sla={conversation.sla} now={now} />
          {conversation.order ? (
            <Link className="small" href={orgPath(organizationId, `/orders/${conversation.order.id}`)}>
              Order {conversation.order.reference}
            </Link>
          ) : null}
        </div>
      </header>
      {conversation.mergedInto ? (
        <p className="alert">
          Merged into <Link href={orgPath(organizationId, `/inbox/${conversation.mergedInto.id}`)}>#{conversation.mergedInto.number}</Link>: answer there.
        </p>
      ) : null}
      <div className="conversation-grid">
        <div className="conversation-main">
          <Thread conversation={conversation} newSinceId={seenId} />
          <PresenceLine viewers={presence.viewers} typing={presence.typing} />
          {conversation.mergedInto ? null : (
            <Composer
              key={conversation.id}
              organizationId={organizationId}
              conversation={conversation}
              onTyping={presence.notifyTyping}
              onSeenChange={setSeenId}
            />
          )}
        </div>
        <aside className="conversation-aside" aria-label="Conversation details">
          <ConversationControls organizationId={organizationId} conversation={conversation} userId={userId} />
          <ConversationSidebar
            organizationId={organizationId}
            conversation={conversation}
            orders={<BuyerOrdersPanel organizationId={organizationId} conversation={conversation} />}
          />
        </aside>
      </div>
    </div>
  );
}
