"use client";

import { CHECKIN_CHANNEL_EVENTS, checkinChannelName } from "@marquee/api/services/checkin/checkin-channel";
import { type TPublicRealtimeConfig, soketiConnectionOptions } from "@marquee/ui/realtime";
import { useTRPC, useTRPCClient } from "@marquee/ui/trpc";
import { useQueryClient } from "@tanstack/react-query";
import Pusher from "pusher-js";
import { useEffect, useState } from "react";

// The check-in screens' live updates: one pusher-js connection per tab, subscribed to the event's
// `private-checkin-<eventId>` (signed by the console's realtime.authorize, like the dashboard's
// channel). A "scan" or "ticket" message carries no figures the console shows: it refetches the
// check-in queries (stats, conflicts), which are the one source of the numbers.

export type TCheckinLiveState = "connecting" | "live" | "offline";

export interface TCheckinLive {
  state: TCheckinLiveState;
  /** Device time of the newest scan announced on the channel since the page opened. */
  lastScanAt: Date | null;
}

function scannedAtOf(message: unknown): Date | null {
  const text = (message as { scannedAt?: unknown } | null)?.scannedAt;
  if (typeof text !== "string") return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Subscribes while mounted; returns whether updates arrive live and when the newest scan was. */
export function useCheckinLive(config: TPublicRealtimeConfig, organizationId: string, eventId: string): TCheckinLive {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TCheckinLiveState>("connecting");
  const [lastScanAt, setLastScanAt] = useState<Date | null>(null);

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
    const name = checkinChannelName(eventId);
    const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.checkin.pathKey() });
    const channel = pusher.subscribe(name);
    channel.bind(CHECKIN_CHANNEL_EVENTS.scan, (message: unknown) => {
      const at = scannedAtOf(message);
      if (at) setLastScanAt((previous) => (previous && previous > at ? previous : at));
      refetch();
    });
    channel.bind(CHECKIN_CHANNEL_EVENTS.ticket, refetch);
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
      pusher.unsubscribe(name);
      pusher.disconnect();
    };
  }, [config, organizationId, eventId, client, queryClient, trpc]);

  return { state, lastScanAt };
}
