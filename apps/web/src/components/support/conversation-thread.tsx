"use client";

import type { RouterOutputs } from "@marquee/api";
import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useHydrated } from "@marquee/ui/use-hydrated";
import { useQuery } from "@tanstack/react-query";
import { useSession } from "next-auth/react";
import Link from "next/link";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { readConversations, rememberConversation, useStoredConversations } from "~/components/support/conversation-store.ts";
import { ReplyForm } from "~/components/support/reply-form.tsx";
import { StatusBadge } from "~/components/support/status-badge.tsx";
import { useConversationLive } from "~/components/support/use-conversation-live.ts";
import { localTimeZone } from "~/components/support/local-time-zone.ts";
import { useI18n } from "~/i18n/provider.tsx";

type TThread = RouterOutputs["support"]["thread"];

/**
 * Answers arrive on the conversation's private channel (use-conversation-live.ts). The slow poll
 * only covers what a channel cannot: Soketi down or unreachable (a proxy dropping WebSockets), or
 * an event lost between the relay and a tab that never noticed it was offline. Every 15 s while
 * the channel is not live, as before.
 */
const SAFETY_POLL_MS = 120_000;
const OFFLINE_POLL_MS = 15_000;

/** An unknown id, a malformed one or a wrong token all read as "not found". */
const isMissing = (error: unknown) => ["NOT_FOUND", "VALIDATION_ERROR"].includes(appErrorOf(error).code ?? "");

const subscribeToHash = (listener: () => void) => {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
};

/** `#token=…` from a link (the fragment never reaches the server); null without one. */
function useTokenFromHash(): string | null {
  const hash = useSyncExternalStore(
    subscribeToHash,
    () => window.location.hash,
    () => "",
  );
  return new URLSearchParams(hash.replace(/^#/, "")).get("token");
}

/** One conversation as the buyer sees it, refreshed live (its private channel), on focus, and by a slow safety poll. */
export function ConversationThread({ conversationId }: { conversationId: string }) {
  const { m } = useI18n();
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { status: sessionStatus } = useSession();
  const hashToken = useTokenFromHash();
  const stored = useStoredConversations().find((conversation) => conversation.conversationId === conversationId);
  const accessToken = hashToken ?? stored?.accessToken;
  // Guests need the token; a signed-in requester can do without (the API decides).
  const ready = hydrated && (accessToken !== undefined || sessionStatus !== "loading");

  // Declared before the query so its refetch interval follows the channel; refetch is bound below.
  const refetchRef = useRef<() => void>(() => undefined);
  const live = useConversationLive(conversationId, accessToken, ready, () => refetchRef.current());

  const thread = useQuery(
    trpc.support.thread.queryOptions(
      { conversationId },
      // The token rides in the X-Support-Token header (lib/cart-store.ts), never in the query's URL.
      {
        trpc: { context: { supportToken: accessToken } },
        enabled: ready,
        retry: (count, error) => !isMissing(error) && count < 2,
        refetchInterval: live ? SAFETY_POLL_MS : OFFLINE_POLL_MS,
        refetchOnWindowFocus: "always",
      },
    ),
  );

  refetchRef.current = () => void thread.refetch();

  // A token from a link is kept in this browser, then taken out of the address bar.
  const subject = thread.data?.subject;
  useEffect(() => {
    if (!hashToken || subject === undefined) return;
    const known = readConversations().find((conversation) => conversation.conversationId === conversationId);
    rememberConversation({ conversationId, accessToken: hashToken, subject, createdAt: known?.createdAt ?? new Date().toISOString() });
    // Where storage is blocked the link must keep its token, or the next refresh would lose it.
    if (!readConversations().some((conversation) => conversation.accessToken === hashToken)) return;
    window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  }, [hashToken, subject, conversationId]);

  if (!ready || thread.isPending) return <p className="muted">{m.support.conversationLoading}</p>;
  if (thread.isError) {
    const notFound = isMissing(thread.error);
    return (
      <section aria-labelledby="support-thread-error">
        <h1 id="support-thread-error">{notFound ? m.support.notFoundTitle : m.support.loadError}</h1>
        {notFound ? <p>{m.support.notFoundText}</p> : null}
        <p className="support-actions">
          {notFound ? null : (
            <button type="button" className="button" onClick={() => void thread.refetch()}>
              {m.common.tryAgain}
            </button>
          )}
          <Link href="/support" className="button">
            {m.support.startNew}
          </Link>
        </p>
      </section>
    );
  }
  return <ThreadView thread={thread.data} accessToken={accessToken} />;
}

function ThreadView({ thread, accessToken }: { thread: TThread; accessToken: string | undefined }) {
  const { m, format } = useI18n();
  const timeZone = localTimeZone();
  return (
    <article className="support-thread" aria-labelledby="support-thread-heading">
      <p>
        <Link href="/support">← {m.support.back}</Link>
      </p>
      <header className="support-thread-header">
        <h1 id="support-thread-heading">{thread.subject}</h1>
        <StatusBadge status={thread.status} />
        <p className="muted">
          {[
            thread.order ? m.support.aboutOrderLine(thread.order.reference) : null,
            thread.event ? `${thread.event.name} — ${format.eventDate(thread.event.startsAt, thread.event.timezone)}` : null,
            m.support.answeredBy(thread.organizationName),
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </header>
      <section aria-labelledby="support-messages-heading">
        <h2 id="support-messages-heading" className="visually-hidden">
          {m.support.messagesHeading}
        </h2>
        {/* role=log: screen readers announce messages added by a refresh, not the whole history. */}
        <div role="log" aria-live="polite" aria-relevant="additions" aria-labelledby="support-messages-heading">
          <ol className="support-messages">
            {thread.messages.map((message) => {
              const author =
                message.authorKind === "BUYER"
                  ? m.support.you
                  : message.authorKind === "SYSTEM"
                    ? m.support.system
                    : message.authorName
                      ? m.support.agent(message.authorName)
                      : m.support.supportTeam;
              return (
                <li key={message.id} className={`support-message support-message-${message.authorKind.toLowerCase()}`}>
                  <p className="support-message-meta">
                    <strong>{author}</strong>{" "}
                    <time dateTime={message.createdAt.toISOString()} className="muted">
                      {m.support.sentAt(format.date(message.createdAt, timeZone), format.time(message.createdAt, timeZone))}
                    </time>
                  </p>
                  <p className="support-message-body">{message.body}</p>
                </li>
              );
            })}
          </ol>
        </div>
        <p className="muted small">{m.support.refreshHint}</p>
      </section>
      <ReplyForm conversationId={thread.id} accessToken={accessToken} resolved={thread.status === "RESOLVED"} />
    </article>
  );
}
