// The one way the apps reach Soketi with pusher-js: its public settings (from each app's env) and
// the connection options they imply. Channel authorisation differs per app and stays with the app.

export interface TPublicRealtimeConfig {
  key: string;
  host: string;
  port: number;
  useTLS: boolean;
}

/** pusher-js options for our Soketi: no cluster, WebSocket transports only, no stats beacon. */
export function soketiConnectionOptions(config: TPublicRealtimeConfig) {
  return {
    cluster: "",
    wsHost: config.host,
    wsPort: config.port,
    wssPort: config.port,
    forceTLS: config.useTLS,
    enabledTransports: ["ws", "wss"] as ("ws" | "wss")[],
    disableStats: true,
  };
}
