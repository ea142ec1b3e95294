"use client";

import { type TPublicRealtimeConfig, soketiConnectionOptions } from "@marquee/ui/realtime";
import Pusher from "pusher-js";
import { createContext, type ReactNode, useContext, useEffect, useRef } from "react";
import { readCart } from "~/lib/cart-store.ts";

// One pusher-js connection to Soketi per tab, opened on first use. Public channels
// (`event-<eventId>`: availability) need nothing; private ones (`private-queue-<ticketId>`) are
// signed by the API for the cart that owns them (POST /api/v1/realtime/auth, X-Cart-Token).

export type { TPublicRealtimeConfig };

const RealtimeContext = createContext<TPublicRealtimeConfig | null>(null);

export function RealtimeProvider({ config, children }: { config: TPublicRealtimeConfig; children: ReactNode }) {
  return <RealtimeContext.Provider value={config}>{children}</RealtimeContext.Provider>;
}

/** The public Soketi settings, for a feature that needs a connection of its own (null outside the provider). */
export const useRealtimeConfig = () => useContext(RealtimeContext);

let client: Pusher | null = null;

function connect(config: TPublicRealtimeConfig): Pusher {
  client ??= new Pusher(config.key, {
    ...soketiConnectionOptions(config),
    channelAuthorization: {
      endpoint: "/api/v1/realtime/auth",
      transport: "ajax",
      headersProvider: () => {
        const cart = readCart();
        return cart ? { "X-Cart-Token": cart.token } : {};
      },
    },
  });
  return client;
}

/**
 * Calls `onMessage` for every `event` on `channel` while mounted (null: no subscription), and
 * `onConnected` whenever the connection is (re)established, so the caller can re-read what it
 * may have missed while offline.
 */
export function useChannel<T>(channel: string | null, event: string, onMessage: (data: T) => void, onConnected?: () => void): void {
  const config = useContext(RealtimeContext);
  const handlers = useRef({ onMessage, onConnected });
  handlers.current = { onMessage, onConnected };

  useEffect(() => {
    if (!config || !channel) return;
    const pusher = connect(config);
    const subscription = pusher.subscribe(channel);
    const handle = (data: T) => handlers.current.onMessage(data);
    const connected = () => handlers.current.onConnected?.();
    subscription.bind(event, handle);
    subscription.bind("pusher:subscription_succeeded", connected);
    return () => {
      subscription.unbind(event, handle);
      subscription.unbind("pusher:subscription_succeeded", connected);
      pusher.unsubscribe(channel);
    };
  }, [config, channel, event]);
}
