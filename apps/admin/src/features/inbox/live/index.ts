// Live updates of the help inbox (apps/admin): wrap the inbox in <InboxLiveProvider config={publicRealtimeConfig()}>,
// then useInboxLive(organizationId) on the list page and useConversationPresence(organizationId, conversationId)
// in the conversation view. See README.md.
export { InboxLiveProvider, type TPublicRealtimeConfig } from "./inbox-realtime.tsx";
export { inboxQueryKeys, type TSupportLiveEvent, useInboxLive } from "./use-inbox-live.ts";
export { type TConversationPresence, useConversationPresence } from "./use-conversation-presence.ts";
export { TYPING_SHOWN_MS, TYPING_THROTTLE_MS, type TAgentRef } from "./typing.ts";
