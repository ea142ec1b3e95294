"use client";

import type { Members } from "pusher-js";
import { useCallback, useEffect, useRef, useState } from "react";
import { useInboxRealtime } from "./inbox-realtime.tsx";
import { mayNotifyTyping, type TAgentRef, typingAgents } from "./typing.ts";

// Collision presence: the agents viewing one conversation are the members of its
// `presence-support-agents-<conversationId>` channel (signed by realtime.authorize for members who
// may answer support in that conversation's organisation; user_info { name }).
//
// Typing travels as a "client-typing" client event on that channel rather than a server call: it
// is sent a few times a minute per typist and read by a handful of agents, Soketi only lets
// subscribers of the signed channel send it, and it stamps each one with the sender's user_id
// from the signed presence data, so nobody can type in someone else's name; a server procedure
// would cost an HTTP request and a publish for a hint that may be lost. (Soketi: client messages
// enabled for the app, SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES.)

const TYPING_EVENT = "client-typing";
export interface TConversationPresence {
  /** Other agents viewing the conversation (not the caller), in the order they arrived. */
  viewers: TAgentRef[];
  /** Other agents who typed in it in the last ~4 s. */
  typing: TAgentRef[];
  /** Call on every keystroke in the reply box; throttled. */
  notifyTyping(): void;
}

const nameOf = (members: Members, id: string): string =>
  ((members.get(id) as { info?: { name?: unknown } } | null)?.info?.name as string | undefined) ?? "Agent";

function othersOf(members: Members): TAgentRef[] {
  const others: TAgentRef[] = [];
  members.each((member: { id: string; info?: { name?: unknown } }) => {
    if (member.id !== members.myID) others.push({ id: member.id, name: typeof member.info?.name === "string" ? member.info.name : "Agent" });
  });
  return others;
}

/** Joins the conversation's presence channel while mounted (conversationId null: none). */
export function useConversationPresence(organizationId: string, conversationId: string | null): TConversationPresence {
  const realtime = useInboxRealtime();
  const [viewers, setViewers] = useState<TAgentRef[]>([]);
  const [typingSince, setTypingSince] = useState<Map<string, { name: string; at: number }>>(new Map());
  const [now, setNow] = useState(() => Date.now());
  const send = useRef<(() => void) | null>(null);
  const lastSent = useRef(0);

  useEffect(() => {
    if (!realtime || !conversationId) return;
    const { channel, release } = realtime.acquire(organizationId, `presence-support-agents-${conversationId}`);
    const members = () => (channel as unknown as { members: Members }).members;
    const refresh = () => setViewers(othersOf(members()));
    const typed = (_data: unknown, metadata?: { user_id?: string }) => {
      const userId = metadata?.user_id;
      if (!userId || userId === members().myID) return;
      setTypingSince((current) => new Map(current).set(userId, { name: nameOf(members(), userId), at: Date.now() }));
    };
    const left = (member: { id: string }) => {
      refresh();
      setTypingSince((current) => {
        const next = new Map(current);
        next.delete(member.id);
        return next;
      });
    };
    channel.bind("pusher:subscription_succeeded", refresh);
    channel.bind("pusher:member_added", refresh);
    channel.bind("pusher:member_removed", left);
    channel.bind(TYPING_EVENT, typed);
    if (channel.subscribed) refresh();
    send.current = () => {
      if (channel.subscribed) channel.trigger(TYPING_EVENT, {});
    };
    return () => {
      send.current = null;
      channel.unbind("pusher:subscription_succeeded", refresh);
      channel.unbind("pusher:member_added", refresh);
      channel.unbind("pusher:member_removed", left);
      channel.unbind(TYPING_EVENT, typed);
      release();
      setViewers([]);
      setTypingSince(new Map());
    };
  }, [realtime, organizationId, conversationId]);

  // A clock only while someone is typing, so "typing" fades after TYPING_SHOWN_MS.
  useEffect(() => {
    if (typingSince.size === 0) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      setTypingSince((current) => (current.size > 0 && typingAgents(current, at).length === 0 ? new Map() : current));
    }, 1_000);
    return () => clearInterval(timer);
  }, [typingSince.size]);

  const notifyTyping = useCallback(() => {
    const at = Date.now();
    if (!mayNotifyTyping(lastSent.current, at)) return;
    lastSent.current = at;
    send.current?.();
  }, []);

  return { viewers, typing: typingAgents(typingSince, now), notifyTyping };
}
