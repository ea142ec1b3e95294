"use client";

import { useTRPC, useTRPCClient } from "@marquee/ui/trpc";
import { useQueryClient } from "@tanstack/react-query";
import { type TPublicRealtimeConfig, soketiConnectionOptions } from "@marquee/ui/realtime";
import Pusher from "pusher-js";
import { useEffect, useState } from "react";

// The dashboard's live updates: one pusher-js connection to Soketi per tab, subscribed to the
// organisation's private channel (signed by the console's realtime.authorize), and on every
// "dashboard.changed" the dashboard queries are refetched: no reload, no figures in the message.

export type { TPublicRealtimeConfig };

const CHANGED_EVENT = "dashboard.changed";

export type TLiveState = "connecting" | "live" | "offline";

/** Subscribes while mounted; returns whether updates are arriving live. */
export function useDashboardLive(config: TPublicRealtimeConfig, organizationId: string): TLiveState {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TLiveState>("connecting");

  useEffect(() => {
    const pusher = new Pusher(config.key, {
      ...soketiConnectionOptions(config),
      channelAuthorization: {
        endpoint: "",
        transport: "ajax",
        customHandler: ({ socketId, channelName }, callback) => {
          client.realtime.authorize
            .mutate({ organizationId, socket_id: socketId, channel_name: channelName })
            .then((answer) => callback(null, answer))
            .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null));
        },
      },
    });
    const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.dashboard.pathKey() });
    const channel = pusher.subscribe(`private-org-${organizationId}`);
    channel.bind(CHANGED_EVENT, refetch);
    // After a (re)subscription, re-read what may have changed while offline.
    channel.bind("pusher:subscription_succeeded", () => {
      setState("live");
      refetch();
    });
    channel.bind("pusher:subscription_error", () => setState("offline"));
    pusher.connection.bind("state_change", ({ current }: { current: string }) => {
      if (current === "unavailable" || current === "failed" || current === "disconnected") setState("offline");
    });
    return () => {
      channel.unbind_all();
      pusher.unsubscribe(`private-org-${organizationId}`);
      pusher.disconnect();
    };
  }, [config, organizationId, client, queryClient, trpc]);

  return state;
}
