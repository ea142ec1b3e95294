"use client";

import { useTRPC, useTRPCClient } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { CannedPopup, type TCannedReply } from "./canned-popup.tsx";
import { filterCanned, findCannedTrigger, replaceTrigger, type TCannedTrigger } from "./canned-trigger.ts";
import { CollisionWarning } from "./collision-warning.tsx";
import type { TAgentConversationStatus, TInboxConversation } from "./inbox-types.ts";
import { mutationMessage } from "./mutation-message.ts";

type TMode = "reply" | "note";

/**
 * Reply or internal note. `/` + short code opens the canned replies (arrow keys, Enter), whose body
 * (variables filled in by the API) replaces what was typed. Ctrl/⌘+Enter sends.
 *
 * Collision: the reply carries the newest message the agent had on screen when they began writing
 * (`seenId`, following the thread while the draft is empty). When someone wrote since, the API
 * holds the reply (CONVERSATION_CHANGED): the draft stays, the new messages are shown, and the
 * agent sends anyway or goes back to edit.
 */
export function Composer({
  organizationId,
  conversation,
  onTyping,
  onSeenChange,
}: {
  organizationId: string;
  conversation: TInboxConversation;
  onTyping?: () => void;
  /** The collision marker, for the thread to mark what arrived after it as new. */
  onSeenChange?: (messageId: string | null) => void;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<TMode>("reply");
  const [draft, setDraft] = useState("");
  const [seenId, setSeenId] = useState(conversation.lastMessageId);
  const [held, setHeld] = useState<{ status?: TAgentConversationStatus } | null>(null);
  const [trigger, setTrigger] = useState<TCannedTrigger | null>(null);
  const [active, setActive] = useState(0);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const popupId = useId();
  const ids = { organizationId, conversationId: conversation.id };

  // While nothing is written, what is on screen is what the agent has seen.
  useEffect(() => {
    if (!draft.trim() && !held) setSeenId(conversation.lastMessageId);
  }, [draft, held, conversation.lastMessageId]);
  useEffect(() => onSeenChange?.(seenId), [seenId, onSeenChange]);

  const canned = useQuery({ ...trpc.inboxTools.cannedReplies.list.queryOptions({ organizationId }), enabled: trigger !== null });
  const matches = useMemo(() => (trigger ? filterCanned(canned.data ?? [], trigger.query) : []), [trigger, canned.data]);
  // render is a query (it changes nothing); read once per pick, never cached: the conversation's facts may have changed.
  const render = useMutation({ mutationFn: (input: { cannedReplyId: string }) => client.inboxTools.cannedReplies.render.query({ ...ids, ...input }) });
  const reply = useMutation(
    trpc.inbox.reply.mutationOptions({
      onSuccess: () => {
        setDraft("");
        setHeld(null);
        void queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
      },
      onError: (error, variables) => {
        if (appErrorOf(error).code !== "CONVERSATION_CHANGED") return;
        setHeld({ status: variables.status });
        void queryClient.invalidateQueries({ queryKey: trpc.inbox.get.queryKey(ids) });
      },
    }),
  );

  const send = (status?: TAgentConversationStatus, force = false) => {
    const body = draft.trim();
    if (!body || reply.isPending) return;
    reply.mutate({ ...ids, body, internal: mode === "note", lastSeenMessageId: seenId, force, status: mode === "note" ? undefined : status });
  };

  const pick = (cannedReply: TCannedReply) => {
    const at = trigger;
    setTrigger(null);
    if (!at) return;
    render.mutate(
      { cannedReplyId: cannedReply.id },
      {
        onSuccess: ({ body }) => {
          // Replace against the text as it is now (the agent may have typed on while it rendered).
          setDraft((current) => {
            const next = replaceTrigger(current, at, body);
            requestAnimationFrame(() => textRef.current?.setSelectionRange(next.caret, next.caret));
            return next.text;
          });
        },
      },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (trigger && matches.length > 0) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : matches.length - 1;
        setActive((index) => (index + step) % matches.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        const chosen = matches[active];
        if (chosen) pick(chosen);
        return;
      }
    }
    if (trigger && event.key === "Escape") {
      event.preventDefault();
      setTrigger(null);
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    }
  };

  const newMessages = held ? conversation.messages.slice(conversation.messages.findIndex((message) => message.id === seenId) + 1) : [];
  const failed = reply.isError && appErrorOf(reply.error).code !== "CONVERSATION_CHANGED";
  const popupOpen = trigger !== null && (canned.isSuccess || canned.isError);

  return (
    <section aria-label="Reply" className={`composer${mode === "note" ? " composer-note" : ""}`}>
      <div role="tablist" aria-label="Write" className="composer-tabs">
        <button type="button" role="tab" aria-selected={mode === "reply"} className="composer-tab" onClick={() => setMode("reply")}>
          Reply
        </button>
        <button type="button" role="tab" aria-selected={mode === "note"} className="composer-tab" onClick={() => setMode("note")}>
          Internal note
        </button>
      </div>
      {held ? (
        <CollisionWarning
          messages={newMessages}
          requester={conversation.requesterName ?? conversation.requesterEmail}
          sending={reply.isPending}
          onSendAnyway={() => send(held.status, true)}
          onCancel={() => {
            setHeld(null);
            setSeenId(conversation.lastMessageId);
            reply.reset();
            textRef.current?.focus();
          }}
        />
      ) : null}
      <div className="composer-field">
        <label htmlFor="composer-text" className="visually-hidden">
          {mode === "note" ? "Internal note (only agents see it)" : `Reply to ${conversation.requesterName ?? conversation.requesterEmail}`}
        </label>
        <textarea
          id="composer-text"
          ref={textRef}
          rows={5}
          maxLength={10_000}
          value={draft}
          placeholder={mode === "note" ? "A note for the team; the buyer never sees it" : "Write a reply… (type / for canned replies)"}
          role="combobox"
          aria-expanded={popupOpen}
          aria-controls={popupOpen ? popupId : undefined}
          aria-autocomplete="list"
          aria-activedescendant={popupOpen && matches.length > 0 ? `${popupId}-${active}` : undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            const found = findCannedTrigger(event.target.value, event.target.selectionStart);
            setTrigger(found);
            if (found?.query !== trigger?.query) setActive(0);
            onTyping?.();
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTrigger(null)}
        />
        {popupOpen ? <CannedPopup id={popupId} replies={matches} active={active} onPick={pick} onHover={setActive} /> : null}
      </div>
      {render.isError ? (
        <p className="alert" role="alert">
          The canned reply could not be filled in: {mutationMessage(render.error)}
        </p>
      ) : null}
      {failed ? (
        <p className="alert" role="alert">
          Not sent: {mutationMessage(reply.error)}. Your text is still here.
        </p>
      ) : null}
      <div className="composer-actions">
        <span className="muted small">{mode === "note" ? "Only agents see internal notes." : "Ctrl+Enter sends."}</span>
        <div className="inline-controls">
          {mode === "reply" ? (
            <>
              <button type="button" className="button" disabled={!draft.trim() || reply.isPending || Boolean(held)} onClick={() => send("RESOLVED")}>
                Send and solve
              </button>
              <button type="button" className="button button-primary" disabled={!draft.trim() || reply.isPending || Boolean(held)} onClick={() => send()}>
                {reply.isPending ? "Sending…" : "Send"}
              </button>
            </>
          ) : (
            <button type="button" className="button button-note" disabled={!draft.trim() || reply.isPending || Boolean(held)} onClick={() => send()}>
              {reply.isPending ? "Saving…" : "Add note"}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
