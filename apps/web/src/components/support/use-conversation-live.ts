"use client";

import { useTRPCClient } from "@marquee/ui/trpc";
import { soketiConnectionOptions } from "@marquee/ui/realtime";
import Pusher from "pusher-js";
import { useEffect, useRef, useState } from "react";
import { useRealtimeConfig } from "~/lib/realtime.tsx";

// The buyer's live conversation: `private-support-conversation-<id>` hears the agents' visible
// replies and status changes (ids only), signed by support.authorizeChannel for whoever may read
// the conversation (the access token in X-Support-Token, or the signed-in requester). Its own
// connection, on conversation pages only: the shop's shared one signs for the cart, and the
// conversation's token should not ride along with every other subscription.

const EVENTS = ["support.message-added", "support.conversation-changed"] as const;

/**
 * Calls `onChange` on every event and on every (re)subscription (what may have been missed while
 * offline); returns whether the channel is live. `enabled` false (not ready yet): no connection.
 */
export function useConversationLive(conversationId: string, accessToken: string | undefined, enabled: boolean, onChange: () => void): boolean {
  const config = useRealtimeConfig();
  const client = useTRPCClient();
  const [live, setLive] = useState(false);
  const handler = useRef(onChange);
  handler.current = onChange;

  useEffect(() => {
    if (!config || !enabled) return;
    const pusher = new Pusher(config.key, {
      ...soketiConnectionOptions(config),
      channelAuthorization: {
        endpoint: "",
        transport: "ajax",
        customHandler: ({ socketId, channelName }, callback) => {
          client.support.authorizeChannel
            .mutate({ socket_id: socketId, channel_name: channelName }, { context: { supportToken: accessToken } })
            .then((answer) => callback(null, answer))
            .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null));
        },
      },
    });
    const channelName = `private-support-conversation-${conversationId}`;
    const channel = pusher.subscribe(channelName);
    const changed = () => handler.current();
    for (const event of EVENTS) channel.bind(event, changed);
    channel.bind("pusher:subscription_succeeded", () => {
      setLive(true);
      handler.current();
    });
    channel.bind("pusher:subscription_error", () => setLive(false));
    pusher.connection.bind("state_change", ({ current }: { current: string }) => {
      if (current !== "connected") setLive(false);
    });
    return () => {
      channel.unbind_all();
      pusher.unsubscribe(channelName);
      pusher.disconnect();
      setLive(false);
    };
  }, [config, client, conversationId, accessToken, enabled]);

  return live;
}
