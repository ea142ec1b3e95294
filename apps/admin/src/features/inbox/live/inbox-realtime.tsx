"use client";

import { useTRPCClient } from "@marquee/ui/trpc";
import { type TPublicRealtimeConfig, soketiConnectionOptions } from "@marquee/ui/realtime";
import Pusher, { type Channel } from "pusher-js";
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from "react";

// One pusher-js connection to Soketi for the help inbox, shared by every live hook under the
// provider (the organisation's channel and one presence channel per open conversation ride the
// same WebSocket). Channels are signed by the console's realtime.authorize, which needs the
// organisation: each hook registers it for its channel before subscribing.

export type { TPublicRealtimeConfig };

interface TInboxRealtime {
  /** The shared connection (for its state: `connection.bind("state_change", ...)`). */
  pusher: Pusher;
  /** Subscribes (reference-counted: two hooks on one channel share it); the returned function releases it. */
  acquire(organizationId: string, channelName: string): { channel: Channel; release(): void };
}

const InboxRealtimeContext = createContext<TInboxRealtime | null>(null);

/**
 * Wrap the inbox in this (config from the page: `publicRealtimeConfig()` of ~/env.ts). Without it
 * the hooks subscribe to nothing and report `connected: false`.
 */
export function InboxLiveProvider({ config, children }: { config: TPublicRealtimeConfig; children: ReactNode }) {
  const client = useTRPCClient();
  const [pusher, setPusher] = useState<Pusher | null>(null);
  const organizations = useRef(new Map<string, string>());
  const counts = useRef(new Map<string, number>());

  useEffect(() => {
    const connection = new Pusher(config.key, {
      ...soketiConnectionOptions(config),
      channelAuthorization: {
        endpoint: "",
        transport: "ajax",
        customHandler: ({ socketId, channelName }, callback) => {
          const organizationId = organizations.current.get(channelName);
          if (!organizationId) return callback(new Error(`No organisation for ${channelName}`), null);
          client.realtime.authorize
            .mutate({ organizationId, socket_id: socketId, channel_name: channelName })
            .then((answer) => callback(null, answer))
            .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null));
        },
      },
    });
    setPusher(connection);
    return () => {
      setPusher(null);
      connection.disconnect();
    };
  }, [config, client]);

  const value = useMemo<TInboxRealtime | null>(() => {
    if (!pusher) return null;
    return {
      pusher,
      acquire(organizationId, channelName) {
        organizations.current.set(channelName, organizationId);
        counts.current.set(channelName, (counts.current.get(channelName) ?? 0) + 1);
        const channel = pusher.subscribe(channelName);
        let released = false;
        return {
          channel,
          release() {
            if (released) return;
            released = true;
            const left = (counts.current.get(channelName) ?? 1) - 1;
            if (left > 0) return void counts.current.set(channelName, left);
            counts.current.delete(channelName);
            organizations.current.delete(channelName);
            pusher.unsubscribe(channelName);
          },
        };
      },
    };
  }, [pusher]);

  return <InboxRealtimeContext.Provider value={value}>{children}</InboxRealtimeContext.Provider>;
}

/** The shared connection, or null outside the provider (and before it has connected once). */
export const useInboxRealtime = () => useContext(InboxRealtimeContext);
