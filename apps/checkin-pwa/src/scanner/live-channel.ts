import { CHECKIN_CHANNEL_EVENTS, checkinChannelName } from "@marquee/api/services/checkin/checkin-channel";
import { type TPublicRealtimeConfig, soketiConnectionOptions } from "@marquee/ui/realtime";
import Pusher from "pusher-js";
import type { TSyncScanJson } from "./local-index.ts";

// Live admissions of the other gates: one pusher-js connection to Soketi, subscribed to
// private-checkin-<eventId> for each of the device's events, authorised by the device credential
// at /api/v1/checkin/realtime/auth. Messages arrive at least once: the caller applies them by id.

export interface TLiveHandlers {
  onScan: (scan: TSyncScanJson) => void;
  onTicket: (ticket: { id: string; eventId: string; status: "VALID" | "REVOKED" | "TRANSFERRED" }) => void;
  onState: (live: boolean) => void;
  /** The channel auth answered 401: the credential died. */
  onAuthError: (status: number) => void;
}

/** Connects and subscribes; returns the function that disconnects. */
export function connectLive(config: TPublicRealtimeConfig, credential: string, eventIds: string[], handlers: TLiveHandlers): () => void {
  const pusher = new Pusher(config.key, {
    ...soketiConnectionOptions(config),
    channelAuthorization: {
      endpoint: "/api/v1/checkin/realtime/auth",
      transport: "ajax",
      headers: { authorization: `Bearer ${credential}` },
      customHandler: ({ socketId, channelName }, callback) => {
        fetch("/api/v1/checkin/realtime/auth", {
          method: "POST",
          headers: { authorization: `Bearer ${credential}`, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ socket_id: socketId, channel_name: channelName }).toString(),
        })
          .then(async (response) => {
            if (!response.ok) {
              if (response.status === 401) handlers.onAuthError(response.status);
              throw new Error(`Channel authorisation answered ${response.status}`);
            }
            callback(null, (await response.json()) as { auth: string });
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null));
      },
    },
  });
  const channels = eventIds.map((eventId) => {
    const channel = pusher.subscribe(checkinChannelName(eventId));
    channel.bind(CHECKIN_CHANNEL_EVENTS.scan, handlers.onScan);
    channel.bind(CHECKIN_CHANNEL_EVENTS.ticket, handlers.onTicket);
    channel.bind("pusher:subscription_succeeded", () => handlers.onState(true));
    return channel;
  });
  pusher.connection.bind("state_change", ({ current }: { current: string }) => handlers.onState(current === "connected"));
  return () => {
    for (const channel of channels) channel.unbind_all();
    pusher.disconnect();
  };
}
