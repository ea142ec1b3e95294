"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useHydrated } from "@marquee/ui/use-hydrated";
import { useQuery } from "@tanstack/react-query";
import { useSession } from "next-auth/react";
import Link from "next/link";
import { useStoredConversations } from "~/components/support/conversation-store.ts";
import { StatusBadge, type TConversationStatus } from "~/components/support/status-badge.tsx";
import { localTimeZone } from "~/components/support/local-time-zone.ts";
import { useI18n } from "~/i18n/provider.tsx";

interface TListedConversation {
  id: string;
  subject: string;
  status: TConversationStatus | null;
  createdAt: Date;
  lastMessageAt: Date | null;
}

/** "Your conversations": the account's (when signed in) and those started in this browser. */
export function ConversationList() {
  const { m, format } = useI18n();
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const stored = useStoredConversations();
  const { status: sessionStatus } = useSession();
  const mine = useQuery(trpc.support.mine.queryOptions(undefined, { enabled: sessionStatus === "authenticated" }));

  const fromAccount: TListedConversation[] = mine.data ?? [];
  const known = new Set(fromAccount.map((conversation) => conversation.id));
  const fromBrowser: TListedConversation[] = stored
    .filter((conversation) => !known.has(conversation.conversationId))
    .map((conversation) => ({
      id: conversation.conversationId,
      subject: conversation.subject,
      status: null,
      createdAt: new Date(conversation.createdAt),
      lastMessageAt: null,
    }));
  const conversations = [...fromAccount, ...fromBrowser];
  const loadingAccount = sessionStatus === "authenticated" && mine.isPending;

  return (
    <section aria-labelledby="support-conversations-heading" className="support-conversations">
      <h2 id="support-conversations-heading">{m.support.yourConversations}</h2>
      {!hydrated || loadingAccount ? <p className="muted">{m.support.conversationsLoading}</p> : null}
      {mine.isError ? (
        <p className="alert" role="alert">
          {m.support.conversationsError}{" "}
          <button type="button" className="button" onClick={() => void mine.refetch()}>
            {m.common.tryAgain}
          </button>
        </p>
      ) : null}
      {hydrated && !loadingAccount && conversations.length === 0 ? <p className="muted">{m.support.conversationsEmpty}</p> : null}
      {conversations.length > 0 ? (
        <ul className="support-conversation-list">
          {conversations.map((conversation) => (
            <li key={conversation.id} className="card">
              <Link href={`/support/${conversation.id}`} className="support-conversation-link">
                {conversation.subject}
              </Link>
              <p className="muted small">
                {conversation.status ? (
                  <>
                    <StatusBadge status={conversation.status} />{" "}
                  </>
                ) : null}
                {conversation.lastMessageAt
                  ? m.support.lastActivity(format.date(conversation.lastMessageAt, localTimeZone()))
                  : m.support.startedOn(format.date(conversation.createdAt, localTimeZone()))}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
