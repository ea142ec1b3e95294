"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useInboxRealtime } from "./inbox-realtime.tsx";

// Live inbox: `private-support-<organizationId>` hears every message and change of the
// organisation's conversations (ids, authorKind, internal, change: never text). The hook refetches
// what the inbox shows through its own authorised queries. Query keys are written the way
// @trpc/tanstack-react-query builds them ([path, { input, type }], matched by prefix), so this
// does not depend on the inbox router's types.

const MESSAGE_EVENT = "support.message-added";
const CHANGE_EVENT = "support.conversation-changed";
/** Events within this window cost one refetch of the list and counts (a burst is not 100 refetches). */
const COALESCE_MS = 200;

export const inboxQueryKeys = {
  all: [["inbox"]] as const,
  list: [["inbox", "list"]] as const,
  counts: [["inbox", "counts"]] as const,
  get: (conversationId: string) => [["inbox", "get"], { input: { conversationId } }] as const,
};

export interface TSupportLiveEvent {
  conversationId: string;
  organizationId: string;
  /** The outbox message: the same event delivered twice has the same one. */
  messageId: string;
  supportMessageId?: string;
  authorKind?: "BUYER" | "AGENT" | "SYSTEM";
  internal?: boolean;
  change?: string;
}

/**
 * Subscribes to the organisation's inbox channel while mounted: on every event, inbox.list,
 * inbox.counts and the affected conversation's inbox.get are refetched; on (re)subscription
 * everything under inbox is (what changed while offline). `onEvent` sees each event once.
 */
export function useInboxLive(organizationId: string, onEvent?: (event: TSupportLiveEvent) => void): { connected: boolean } {
  const realtime = useInboxRealtime();
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;

  useEffect(() => {
    if (!realtime) return;
    const { channel, release } = realtime.acquire(organizationId, `private-support-${organizationId}`);
    const pending = new Set<string>();
    const seen = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      void queryClient.invalidateQueries({ queryKey: inboxQueryKeys.list });
      void queryClient.invalidateQueries({ queryKey: inboxQueryKeys.counts });
      for (const conversationId of pending) void queryClient.invalidateQueries({ queryKey: inboxQueryKeys.get(conversationId) });
      pending.clear();
    };
    const handle = (event: TSupportLiveEvent) => {
      if (seen.has(event.messageId)) return;
      seen.add(event.messageId);
      if (seen.size > 1_000) seen.delete(seen.values().next().value!);
      onEventRef.current?.(event);
      pending.add(event.conversationId);
      timer ??= setTimeout(flush, COALESCE_MS);
    };
    const subscribed = () => {
      setConnected(true);
      void queryClient.invalidateQueries({ queryKey: inboxQueryKeys.all });
    };
    const refused = () => setConnected(false);
    // Offline until the next subscription_succeeded (pusher-js resubscribes after a reconnect).
    const stateChanged = ({ current }: { current: string }) => {
      if (current !== "connected") setConnected(false);
    };
    realtime.pusher.connection.bind("state_change", stateChanged);
    channel.bind(MESSAGE_EVENT, handle);
    channel.bind(CHANGE_EVENT, handle);
    channel.bind("pusher:subscription_succeeded", subscribed);
    channel.bind("pusher:subscription_error", refused);
    if (channel.subscribed) setConnected(true);
    return () => {
      if (timer) clearTimeout(timer);
      channel.unbind(MESSAGE_EVENT, handle);
      channel.unbind(CHANGE_EVENT, handle);
      channel.unbind("pusher:subscription_succeeded", subscribed);
      channel.unbind("pusher:subscription_error", refused);
      realtime.pusher.connection.unbind("state_change", stateChanged);
      release();
      setConnected(false);
    };
  }, [realtime, organizationId, queryClient]);

  return { connected };
}
