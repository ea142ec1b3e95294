"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { QueryError } from "~/components/query-error.tsx";
import { orgPath } from "~/lib/org-path.ts";
import { VIEW_LABEL } from "./inbox-format.ts";
import { InboxRow } from "./inbox-row.tsx";
import { inboxHref, inboxListInput, type TInboxSearch } from "./inbox-search.ts";
import { InboxViews } from "./inbox-views.tsx";
import { useInboxLive } from "./live/index.ts";
import { useNow } from "./use-now.ts";
import "./inbox.css";

/**
 * The inbox: the views with their counts on the left, the filters (whose, search, label) as a plain
 * GET form so the state lives in the URL, and the conversations, 25 at a time. The live hook (in
 * the page) refreshes both when a conversation starts or changes.
 */
export function InboxList({ organizationId, search, canConfigure }: { organizationId: string; search: TInboxSearch; canConfigure: boolean }) {
  const trpc = useTRPC();
  const now = useNow();
  const live = useInboxLive(organizationId);
  const counts = useQuery(trpc.inbox.counts.queryOptions({ organizationId, assignee: search.assignee }));
  const list = useInfiniteQuery(
    trpc.inbox.list.infiniteQueryOptions(inboxListInput(organizationId, search), { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const filtered = Boolean(search.q || search.label || search.assignee !== "all");
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="inbox-layout">
      <aside className="inbox-aside">
        <InboxViews organizationId={organizationId} search={search} counts={counts.data} />
        {canConfigure ? (
          <Link className="small inbox-settings-link" href={orgPath(organizationId, "/inbox/settings")}>
            Inbox settings
          </Link>
        ) : null}
      </aside>
      <section aria-labelledby="inbox-list-heading" className="inbox-main">
        <div className="actions-row">
          <h2 id="inbox-list-heading">{VIEW_LABEL[search.view]} conversations</h2>
          <span className="muted small" role="status">
            {live.connected ? "Live: new conversations appear here." : "Connecting for live updates…"}
          </span>
        </div>
        <form role="search" method="get" action={orgPath(organizationId, "/inbox")} className="inbox-filters" aria-label="Filter conversations">
          {search.view === "open" ? null : <input type="hidden" name="view" value={search.view} />}
          <div className="field inbox-query">
            <label htmlFor="inbox-q">Search</label>
            <input id="inbox-q" name="q" type="search" maxLength={200} defaultValue={search.q} placeholder="Buyer, e-mail, order, #number or words" />
          </div>
          <div className="field">
            <label htmlFor="inbox-assignee">Assigned to</label>
            <select id="inbox-assignee" name="assignee" defaultValue={search.assignee}>
              <option value="all">Anyone</option>
              <option value="mine">Me</option>
              <option value="unassigned">Nobody</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="inbox-label">Label</label>
            <input id="inbox-label" name="label" maxLength={40} defaultValue={search.label} placeholder="e.g. refund" />
          </div>
          <div className="actions-row inbox-filter-actions">
            <button type="submit" className="button button-primary">
              Filter
            </button>
            {filtered ? (
              <Link className="button" href={inboxHref(organizationId, { view: search.view, assignee: "all" })}>
                Clear
              </Link>
            ) : null}
          </div>
        </form>
        {list.isPending ? (
          <p className="muted">Loading conversations…</p>
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyInbox search={search} filtered={filtered} organizationId={organizationId} />
        ) : (
          <>
            <ul className="inbox-rows card" aria-label="Conversations">
              {items.map((item) => (
                <InboxRow key={item.id} item={item} organizationId={organizationId} now={now} />
              ))}
            </ul>
            {list.hasNextPage ? (
              <button type="button" className="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}

/** What an empty list means, and what to do about it. */
function EmptyInbox({ search, filtered, organizationId }: { search: TInboxSearch; filtered: boolean; organizationId: string }) {
  if (filtered) {
    return (
      <p className="card muted">
        No conversation matches these filters.{" "}
        <Link href={inboxHref(organizationId, { view: "all", assignee: "all", q: search.q })}>Search all conversations</Link> or clear the filters.
      </p>
    );
  }
  const sentence: Record<TInboxSearch["view"], string> = {
    open: "Nothing waits for an answer. New questions from buyers (from an order page or by e-mail) appear here as they arrive.",
    pending: "No conversation waits for a buyer. Replies you send move conversations here until the buyer answers.",
    snoozed: "Nothing is snoozed. Snooze a conversation to have it come back to Open at a set time.",
    solved: "Nothing solved yet. Use “Send and solve” or set the status to Solved when a question is answered.",
    breached: "No conversation is past its response target.",
    all: "No conversations yet. Buyers write from their order page on the web site or to the organisation's support address.",
  };
  return <p className="card muted">{sentence[search.view]}</p>;
}
