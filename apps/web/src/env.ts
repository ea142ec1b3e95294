// Soketi's public settings for this app's browser pages: one reader shared by the apps.
export { publicRealtimeConfig } from "@marquee/ui/server/realtime-config";
